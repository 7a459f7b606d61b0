import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { createScratchDatabase, postgresAvailable } from '../helpers/postgres.ts';
import { startServerProcess } from '../helpers/server-process.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
const OWNER = { email: 'backed-up@example.com', password: 'kept in every copy' };
const pgDumpOnPath = spawnSync('pg_dump', ['--version']).status === 0;
if (postgresAvailable && !pgDumpOnPath) {
  console.warn('\n⚠️  SKIPPING the PostgreSQL backup test: pg_dump is not on PATH.\n');
}

/** `npx seatkeeper <args>` as an operator runs it; resolves with its exit code and output. */
function seatkeeper(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/seatkeeper.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, DEMO: '0', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

/** One console sign-in of the owner; true when the server acknowledged it (the attempt is recorded). */
async function signInOnce(url: string): Promise<boolean> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OWNER),
  });
  await response.arrayBuffer();
  return response.status === 200;
}

async function countSignIns(env: Record<string, string>): Promise<number> {
  const database = openDatabase(loadConfig(env).database);
  try {
    const row = await database.db
      .selectFrom('sign_in_attempts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('email', '=', OWNER.email)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  } finally {
    await database.close();
  }
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

const targets = [
  { kind: 'sqlite', run: true },
  { kind: 'postgres', run: postgresAvailable && pgDumpOnPath },
] as const;

for (const target of targets) {
  describe.skipIf(!target.run)(`backup while the server runs, restore elsewhere [${target.kind}]`, () => {
    it('gives back every sign-in acknowledged before the backup started', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-backup-'));
      const source = target.kind === 'postgres' ? await createScratchDatabase() : undefined;
      const restored = target.kind === 'postgres' ? await createScratchDatabase() : undefined;
      const sourceEnv = { DATA_DIR: path.join(dir, 'live'), ...(source ? { DATABASE_URL: source.url } : {}) };
      const restoredEnv = { DATA_DIR: path.join(dir, 'restored'), ...(restored ? { DATABASE_URL: restored.url } : {}) };
      const backupFile = path.join(dir, target.kind === 'postgres' ? 'seatkeeper.dump' : 'seatkeeper-backup.sqlite');
      try {
        const setup = openDatabase(loadConfig(sourceEnv).database);
        await migrateToLatest(setup.db);
        await createOrganization(setup.db, {
          name: 'Backed up',
          ownerEmail: OWNER.email,
          ownerPassword: OWNER.password,
        });
        await setup.close();

        const { url } = await startServerProcess(sourceEnv, children);
        let acknowledgedBefore = 0;
        for (let index = 0; index < 6; index++) if (await signInOnce(url)) acknowledgedBefore++;
        expect(acknowledgedBefore).toBe(6);

        // Sign-ins keep arriving while the backup copies.
        const backup = seatkeeper(['backup', backupFile], sourceEnv);
        let backupDone = false;
        const writer = (async () => {
          let during = 0;
          while (!backupDone) if (await signInOnce(url)) during++;
          return during;
        })();
        const backedUp = await backup;
        backupDone = true;
        const acknowledgedDuring = await writer;
        expect(backedUp.code, backedUp.stderr).toBe(0);
        expect(backedUp.stderr).toContain('Backup written to');
        if (target.kind === 'sqlite') expect(backedUp.stderr).toMatch(/backup: \d+% \(\d+\/\d+ pages\)/);
        // The copy stays put: a second backup to the same file needs --force.
        const again = await seatkeeper(['backup', backupFile], sourceEnv);
        expect(again.code).not.toBe(0);
        expect(again.stderr).toContain('--force');

        const restoredRun = await seatkeeper(
          ['restore', backupFile, ...(target.kind === 'postgres' ? ['--force'] : [])],
          restoredEnv,
        );
        expect(restoredRun.code, restoredRun.stderr).toBe(0);
        const count = await countSignIns(restoredEnv);
        expect(count).toBeGreaterThanOrEqual(acknowledgedBefore);
        expect(count).toBeLessThanOrEqual(acknowledgedBefore + acknowledgedDuring + 1);

        // A server starts on the restored database and the owner signs in.
        const restoredServer = await startServerProcess(restoredEnv, children);
        expect((await fetch(`${restoredServer.url}/readyz`)).status).toBe(200);
        expect(await signInOnce(restoredServer.url)).toBe(true);
      } finally {
        for (const child of children.splice(0)) child.kill('SIGKILL');
        await source?.drop();
        await restored?.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
      // Two server starts, a backup and a restore, each its own process; argon2 sign-ins on two loaded cores.
    }, 240_000);
  });
}

describe('restore refuses what would lose data [sqlite]', () => {
  it('keeps an existing database without --force, and takes only a whole Seatkeeper database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-restore-'));
    try {
      const env = { DATA_DIR: path.join(dir, 'data') };
      const existing = openDatabase(loadConfig(env).database);
      await migrateToLatest(existing.db);
      await existing.close();
      const backupFile = path.join(dir, 'copy.sqlite');
      expect((await seatkeeper(['backup', backupFile], env)).code).toBe(0);

      const refused = await seatkeeper(['restore', backupFile], env);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('pass --force');

      const notSqlite = path.join(dir, 'notes.txt');
      fs.writeFileSync(notSqlite, 'not a database at all');
      const garbage = await seatkeeper(['restore', notSqlite, '--force'], env);
      expect(garbage.code).not.toBe(0);
      expect(garbage.stderr).toContain('cannot be restored');

      const otherSqlite = path.join(dir, 'other.sqlite');
      spawnSync(
        process.execPath,
        [
          '-e',
          `const S=require('better-sqlite3');const d=new S(${JSON.stringify(otherSqlite)});d.exec('create table t(x)');d.close();`,
        ],
        { cwd: ROOT },
      );
      const foreign = await seatkeeper(['restore', otherSqlite, '--force'], env);
      expect(foreign.code).not.toBe(0);
      expect(foreign.stderr).toContain('not a Seatkeeper database');

      // A process (a server) that has the database open: replacing it would lose its later writes.
      const live = openDatabase(loadConfig(env).database);
      try {
        await live.ping();
        const busy = await seatkeeper(['restore', backupFile, '--force'], env);
        expect(busy.code).not.toBe(0);
        expect(busy.stderr).toContain('open in another process');
        const overLive = await seatkeeper(['backup', path.join(dir, 'data', 'seatkeeper.sqlite'), '--force'], env);
        expect(overLive.code).not.toBe(0);
        expect(overLive.stderr).toContain('is the live database');
      } finally {
        await live.close();
      }

      const restored = await seatkeeper(['restore', backupFile, '--force'], env);
      expect(restored.code, restored.stderr).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
