import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { insertUser, newUserRow } from '../../src/server/features/users/users.repository.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/ingest');
const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-import-'));
const databaseFile = path.join(dataDir, 'seatkeeper.sqlite');

function seatkeeper(...args: string[]) {
  return run(process.execPath, ['bin/seatkeeper.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', DEMO: '0' },
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

interface Summary {
  format: string;
  records: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  skipped: number;
  problems: { record: number; code: string; detail: string }[];
}

async function importJson(file: string, ...extra: string[]): Promise<Summary> {
  const result = await seatkeeper('import-events', path.join(FIXTURES, file), '--json', ...extra);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim()) as Summary;
}

async function attempts(email: string) {
  const database = openDatabase({ kind: 'sqlite', file: databaseFile });
  try {
    return await database.db
      .selectFrom('sign_in_attempts')
      .select([
        'occurred_at',
        'outcome',
        'failure_reason',
        'ip',
        'country_code',
        'os',
        'browser',
        'device_type',
        'method',
      ])
      .where('email', '=', email)
      .orderBy('occurred_at')
      .execute();
  } finally {
    await database.close();
  }
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// Every command is a new Node process opening the GeoIP database: seconds each on a busy machine.
describe('npx seatkeeper import-events', { timeout: 180_000 }, () => {
  let orgId: string;

  beforeAll(async () => {
    const created = await seatkeeper(
      'create-org',
      '--name',
      'Northwind',
      '--owner-email',
      'owner@northwind.example',
      '--owner-password',
      'harbour-lantern-demo',
      '--json',
    );
    expect(created.code, created.stderr).toBe(0);
    orgId = (JSON.parse(created.stdout.trim()) as { orgId: string }).orgId;
    const database = openDatabase({ kind: 'sqlite', file: databaseFile });
    try {
      const member = newUserRow({
        orgId,
        email: 'jonas.berg@northwind.example',
        name: 'Jonas Berg',
        role: 'member',
        passwordHash: null,
        now: Date.now(),
      });
      await insertUser(database.db, member);
      // The fixtures' events are from November 2026: keep them inside retention for years to come.
      await database.db.updateTable('organizations').set({ raw_event_retention_days: 3650 }).execute();
    } finally {
      await database.close();
    }
  }, 180_000);

  it('reads our JSON array, with progress on stderr and the counts on stdout', async () => {
    const result = await seatkeeper('import-events', path.join(FIXTURES, 'seatkeeper.json'), '--org', orgId);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(
      `Imported ${path.join(FIXTURES, 'seatkeeper.json')} (seatkeeper) into "Northwind": 2 accepted, 0 duplicates, 1 rejected, 0 skipped (not sign-ins).`,
    );
    expect(result.stderr).toContain('100%');
    expect(result.stderr).toContain('record 3: unknown-user');
    const jonas = await attempts('jonas.berg@northwind.example');
    expect(jonas).toEqual([
      expect.objectContaining({
        occurred_at: Date.parse('2026-11-24T07:05:40Z'),
        outcome: 'failure',
        failure_reason: 'invalid_password',
        device_type: 'mobile',
        os: 'iOS',
        method: 'sso',
      }),
    ]);
  });

  it('reads JSON lines, naming the bad line', async () => {
    const summary = await importJson('seatkeeper.jsonl');
    expect(summary).toMatchObject({ format: 'seatkeeper', records: 3, accepted: 2, duplicates: 0, rejected: 1 });
    expect(summary.problems).toEqual([
      { record: 3, code: 'invalid-event', detail: expect.stringContaining('occurredAt') },
    ]);
  });

  it('reads a Microsoft Entra sign-in log (JSON download), and a second import adds nothing', async () => {
    const summary = await importJson('entra-signins.json');
    expect(summary).toMatchObject({ format: 'entra', records: 3, accepted: 2, duplicates: 0, rejected: 1 });
    expect(summary.problems[0]).toMatchObject({ record: 3, code: 'unknown-user' });
    const owner = await attempts('owner@northwind.example');
    expect(owner).toContainEqual(
      expect.objectContaining({
        occurred_at: Date.parse('2026-11-26T09:12:31Z'),
        outcome: 'success',
        ip: '81.2.69.142',
        os: 'Windows',
        browser: 'Edge',
        device_type: 'desktop',
      }),
    );
    const jonas = await attempts('jonas.berg@northwind.example');
    expect(jonas).toContainEqual(
      expect.objectContaining({ occurred_at: Date.parse('2026-11-26T09:40:02Z'), failure_reason: 'invalid_password' }),
    );
    const again = await importJson('entra-signins.json', '--format', 'entra');
    expect(again).toMatchObject({ accepted: 0, duplicates: 2, rejected: 1 });
  });

  it('reads the Entra CSV download', async () => {
    const summary = await importJson('entra-signins.csv');
    expect(summary).toMatchObject({ format: 'entra', records: 2, accepted: 2, rejected: 0 });
    const jonas = await attempts('jonas.berg@northwind.example');
    expect(jonas).toContainEqual(
      expect.objectContaining({
        occurred_at: Date.parse('2026-11-27T07:52:44Z'),
        outcome: 'failure',
        failure_reason: 'throttled',
        browser: 'Firefox',
      }),
    );
  });

  it('reads a Google Workspace login audit, skipping what is not a sign-in', async () => {
    const summary = await importJson('google-login.json');
    expect(summary).toMatchObject({ format: 'google', records: 3, accepted: 2, rejected: 0, skipped: 1 });
    const jonas = await attempts('jonas.berg@northwind.example');
    expect(jonas).toContainEqual(
      expect.objectContaining({
        occurred_at: Date.parse('2026-11-28T06:41:55.120Z'),
        outcome: 'failure',
        failure_reason: 'invalid_password',
        ip: '2001:db8::7',
      }),
    );
  });

  it('refuses an unknown format and a missing file', async () => {
    const format = await seatkeeper('import-events', path.join(FIXTURES, 'seatkeeper.json'), '--format', 'okta');
    expect(format.code).toBe(1);
    expect(format.stderr).toContain('--format must be');
    const missing = await seatkeeper('import-events', path.join(FIXTURES, 'no-such-file.json'));
    expect(missing.code).toBe(1);
  });
});
