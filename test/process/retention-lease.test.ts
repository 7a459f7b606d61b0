import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { createScratchDatabase, postgresAvailable } from '../helpers/postgres.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
/** Enough old attempts that one purge outlasts the other process's start (a few seconds). */
const OLD_ATTEMPTS = 60_000;
const LEASE_HELD_EXIT_CODE = 3;

function purge(env: Record<string, string>) {
  return run(process.execPath, ['bin/seatkeeper.js', 'purge', '--json'], {
    cwd: ROOT,
    env: { ...process.env, DEMO: '0', ...env },
  }).then(
    (result) => ({ code: 0, stdout: result.stdout, stderr: result.stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

/** A database with one organization and OLD_ATTEMPTS sign-in attempts two years old. */
async function seed(env: Record<string, string>) {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const { organization, ownerId } = await createOrganization(database.db, {
      name: 'Lease Co',
      ownerEmail: 'owner@lease.example',
      ownerPassword: 'a long enough secret',
    });
    const old = Date.now() - 2 * 365 * DAY_MS;
    for (let start = 0; start < OLD_ATTEMPTS; start += 1000) {
      const rows = Array.from({ length: 1000 }, (_, index) => ({
        org_id: organization.id,
        user_id: ownerId,
        email: 'owner@lease.example',
        occurred_at: old + start + index,
        outcome: 'success' as const,
        failure_reason: null,
        client: 'console',
        ip: '198.51.100.7',
        device_type: 'desktop',
        risk: '[]',
      }));
      await database.db.insertInto('sign_in_attempts').values(rows).execute();
    }
    return organization.id;
  } finally {
    await database.close();
  }
}

async function remaining(env: Record<string, string>, orgId: string) {
  const database = openDatabase(loadConfig({ LOG_LEVEL: 'silent', ...env }).database);
  try {
    const row = await database.db
      .selectFrom('sign_in_attempts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    const purged = await database.db
      .selectFrom('audit_log')
      .select('after')
      .where('org_id', '=', orgId)
      .where('action', '=', 'retention.purged')
      .execute();
    return { attempts: Number(row.count), purgedRows: purged.map((entry) => JSON.parse(entry.after ?? '{}')) };
  } finally {
    await database.close();
  }
}

async function twoProcessesAtOnce(env: Record<string, string>) {
  const orgId = await seed(env);
  const results = await Promise.all([purge(env), purge(env)]);
  const outcomes = results.map((result) => ({
    code: result.code,
    answer: JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}'),
  }));
  const ran = outcomes.filter((outcome) => outcome.code === 0);
  const refused = outcomes.filter((outcome) => outcome.code === LEASE_HELD_EXIT_CODE);
  expect(ran, JSON.stringify(results)).toHaveLength(1);
  expect(refused).toHaveLength(1);
  expect(ran[0]?.answer).toMatchObject({ status: 'done', totals: { signInAttemptsDeleted: OLD_ATTEMPTS } });
  expect(refused[0]?.answer).toMatchObject({ status: 'lease-held', holder: expect.any(String) });
  // Purged once: nothing left, one audit row with the whole count.
  expect(await remaining(env, orgId)).toEqual({
    attempts: 0,
    purgedRows: [{ signInAttemptsDeleted: OLD_ATTEMPTS }],
  });
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-lease-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the retention lease across processes', { timeout: 240_000 }, () => {
  it('two `purge` processes at once on SQLite: one runs it, the other is told the lease is held', async () => {
    await twoProcessesAtOnce({ DATA_DIR: dataDir, DATABASE_URL: '' });
  });

  it.skipIf(!postgresAvailable)('the same on PostgreSQL', async () => {
    const scratch = await createScratchDatabase();
    try {
      await twoProcessesAtOnce({ DATA_DIR: dataDir, DATABASE_URL: scratch.url });
    } finally {
      await scratch.drop();
    }
  });
});
