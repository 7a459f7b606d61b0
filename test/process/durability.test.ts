import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { createOrganization } from '../../src/server/features/organizations/create-organization.ts';
import { createScratchDatabase, postgresAvailable } from '../helpers/postgres.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];

function startServerProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/serve-for-test.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DEMO: '0', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\S+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

const targets = [
  { kind: 'sqlite', run: true },
  { kind: 'postgres', run: postgresAvailable },
] as const;

for (const target of targets) {
  describe.skipIf(!target.run)(`a killed server loses no acknowledged sign-in [${target.kind}]`, () => {
    it('keeps every answered attempt after SIGKILL, and exits cleanly on SIGTERM', async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-kill-'));
      const scratch = target.kind === 'postgres' ? await createScratchDatabase() : undefined;
      const env = { DATA_DIR: dataDir, ...(scratch ? { DATABASE_URL: scratch.url } : {}) };
      const config = loadConfig(env);
      const setup = openDatabase(config.database);
      await migrateToLatest(setup.db);
      await createOrganization(setup.db, {
        name: 'Durable',
        ownerEmail: 'durable@example.com',
        ownerPassword: 'keeps every row safe',
      });
      await setup.close();
      try {
        const { child, url } = await startServerProcess(env);
        const attempts = 12;
        let acknowledged = 0;
        for (let index = 0; index < attempts; index++) {
          const response = await fetch(`${url}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              email: 'durable@example.com',
              password: index % 3 === 0 ? 'keeps every row safe' : 'wrong password',
            }),
          });
          if (response.status === 200 || response.status === 401) acknowledged++;
        }
        const killed = exited(child);
        child.kill('SIGKILL');
        expect((await killed).signal).toBe('SIGKILL');

        const reopened = openDatabase(config.database);
        const rows = await reopened.db
          .selectFrom('sign_in_attempts')
          .select(['outcome'])
          .where('email', '=', 'durable@example.com')
          .execute();
        await reopened.close();
        expect(acknowledged).toBe(attempts);
        expect(rows).toHaveLength(attempts);
        expect(rows.filter((row) => row.outcome === 'success')).toHaveLength(4);

        const again = await startServerProcess(env);
        expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
        const stopped = exited(again.child);
        again.child.kill('SIGTERM');
        expect((await stopped).code).toBe(0);
      } finally {
        await scratch?.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
