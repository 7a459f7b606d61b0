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
