import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OWNER = { email: 'liveness@example.com', password: 'never blocks the loop' };
/**
 * A liveness bound, not a timing: a server that answers at all answers /healthz in
 * milliseconds; one whose event loop is stuck never does. Far below the test's own timeout.
 */
const LIVENESS_BOUND_MS = 15_000;

/**
 * The real server in its own process (a request that blocked its event loop would otherwise
 * block the test too), over a SQLite folder holding one organization.
 */
describe('one owner cannot take the server down', () => {
  let child: ChildProcess | undefined;
  let url = '';
  let cookie = '';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-liveness-'));

  beforeAll(async () => {
    const env = { DATA_DIR: dataDir };
    const setup = openDatabase(loadConfig(env).database);
    await migrateToLatest(setup.db);
    await createOrganization(setup.db, { name: 'Liveness', ownerEmail: OWNER.email, ownerPassword: OWNER.password });
    await setup.close();
    ({ child, url } = await startServerProcess(env));
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(OWNER),
    });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });

  afterAll(() => {
    child?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (pathname: string) =>
    fetch(`${url}${pathname}`, { headers: { cookie }, signal: AbortSignal.timeout(LIVENESS_BOUND_MS) });

  it('a report ending in year 9999 is refused, and /healthz answers meanwhile', async () => {
    const report = get('/api/v1/reports/logins?to=9999-12-31');
    const health = get('/healthz');
    expect((await health).status).toBe(200);
    const answer = await report;
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
  });

  it('the longest ranges every report accepts answer while /healthz keeps answering', async () => {
    const reports = ['logins', 'app-usage', 'security', 'deactivations', 'license-sharing'].map((name) =>
      get(`/api/v1/reports/${name}?from=2098-01-01&to=2100-12-31`),
    );
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    for (const answer of await Promise.all(reports)) expect(answer.status).toBe(200);
  });
});

function startServerProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const spawned = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/serve-for-test.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DEMO: '0', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    spawned.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\S+)/.exec(output);
      if (match?.[1]) resolve({ child: spawned, url: match[1] });
    });
    spawned.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    spawned.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
}
