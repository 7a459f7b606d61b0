import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-cli-'));

function seatkeeper(...args: string[]) {
  return run(process.execPath, ['bin/seatkeeper.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', DEMO: '0' },
  }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('npx seatkeeper', () => {
  it('migrates, then says the database is up to date', async () => {
    expect((await seatkeeper('migrate')).stdout).toContain('Applied: 0001_foundation');
    expect((await seatkeeper('migrate')).stdout).toContain('up to date');
  });

  it('create-org --json prints one JSON line with the new ids, and the owner can sign in', async () => {
    const result = await seatkeeper(
      'create-org',
      '--name',
      'Globex',
      '--owner-email',
      'Hank@Globex.example',
      '--owner-password',
      'a long enough secret',
      '--json',
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const created = JSON.parse(lines[0] ?? '');
    expect(created).toEqual({ orgId: expect.any(String), ownerId: expect.any(String), name: 'Globex' });
    const database = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'seatkeeper.sqlite') });
    const owner = await database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', created.ownerId)
      .executeTakeFirst();
    await database.close();
    expect(owner).toMatchObject({ org_id: created.orgId, email_normalized: 'hank@globex.example', role: 'owner' });
    expect(owner?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('records products, purchases, renewals and seat changes (never below those assigned unless told whom to free)', async () => {
    const org = JSON.parse(
      (
        await seatkeeper(
          'create-org',
          '--name',
          'Initrode',
          '--owner-email',
          'peter@initrode.example',
          '--owner-password',
          'a long enough secret',
          '--time-zone',
          'Europe/Berlin',
          '--json',
        )
      ).stdout,
    );
    expect((await seatkeeper('add-product', '--key', 'cad', '--name', 'Initrode CAD')).stdout).toContain(
      'Added product',
    );
    expect((await seatkeeper('add-product', '--key', 'cad', '--name', 'Again')).stderr).toContain('exists');
    expect((await seatkeeper('add-product', '--key', 'Bad Key!', '--name', 'X')).code).toBe(1);

    const added = await seatkeeper(
      'add-subscription',
      '--org',
      org.orgId,
      '--product',
      'cad',
      '--seats',
      '2',
      '--expires',
      '2099-12-31',
      '--seat-price',
      '19.90',
      '--json',
    );
    const subscription = JSON.parse(added.stdout);
    // The last day of access is in the organization's zone: 31 Dec ends at 23:00 UTC in Berlin.
    expect(subscription).toMatchObject({ seats: 2, expiresAt: '2099-12-31T23:00:00.000Z' });
    expect(
      (
        await seatkeeper(
          'add-subscription',
          '--org',
          org.orgId,
          '--product',
          'cad',
          '--seats',
          'two',
          '--expires',
          '2099-12-31',
        )
      ).stderr,
    ).toContain('--seats must be a whole number');
    expect(
      (
        await seatkeeper(
          'add-subscription',
          '--org',
          org.orgId,
          '--product',
          'cad',
          '--seats',
          '2',
          '--expires',
          '2099-02-30',
        )
      ).stderr,
    ).toContain('YYYY-MM-DD');

    const renewed = await seatkeeper(
      'renew-subscription',
      '--id',
      subscription.subscriptionId,
      '--expires',
      '2100-06-30',
      '--json',
    );
    expect(JSON.parse(renewed.stdout).expiresAt).toBe('2100-06-30T22:00:00.000Z');

    // Give the owner a seat, then try to go below it.
    const database = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'seatkeeper.sqlite') });
    await database.db
      .insertInto('seat_assignments')
      .values({
        org_id: org.orgId,
        subscription_id: subscription.subscriptionId,
        user_id: org.ownerId,
        assigned_at: Date.now(),
        assigned_by: null,
        unassigned_at: null,
        unassigned_by: null,
        unassign_reason: null,
        last_used_at: null,
      })
      .execute();
    await database.db
      .updateTable('subscriptions')
      .set({ assigned: 1 })
      .where('id', '=', subscription.subscriptionId)
      .execute();
    await database.close();
    const refused = await seatkeeper('set-seats', '--id', subscription.subscriptionId, '--seats', '0');
    expect(refused.stderr).toContain('1 seats are assigned; name 1 holder(s) to free with --release');
    const reduced = await seatkeeper(
      'set-seats',
      '--id',
      subscription.subscriptionId,
      '--seats',
      '0',
      '--release',
      'peter@initrode.example',
      '--json',
    );
    expect(JSON.parse(reduced.stdout)).toMatchObject({ seats: 0, assigned: 0 });
  });

  it('explains bad use instead of crashing', async () => {
    const missing = await seatkeeper('create-org', '--name', 'X');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--owner-email, --owner-password');
    const weak = await seatkeeper(
      'create-org',
      '--name',
      'X',
      '--owner-email',
      'x@x.example',
      '--owner-password',
      'short',
    );
    expect(weak.stderr).toContain('at least 8 characters');
    const taken = await seatkeeper(
      'create-org',
      '--name',
      'Again',
      '--owner-email',
      'hank@globex.example',
      '--owner-password',
      'a long enough secret',
    );
    expect(taken.stderr).toContain('already has an account');
    const badConfig = await run(process.execPath, ['bin/seatkeeper.js', 'migrate'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: 'mysql://nope' },
    }).catch((error: { stderr: string }) => error);
    expect(badConfig.stderr).toContain('Configuration error: DATABASE_URL');
    expect((await seatkeeper('frobnicate')).stderr).toContain('Unknown command "frobnicate"');
  });
});
