import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { DEFAULT_THROTTLE_LIMITS } from '../../src/server/features/throttle/login-throttle.ts';
import { type Account, createCrashWorld } from './crash-world.ts';
import { pause } from './load.ts';
import { freePort } from './private-postgres.ts';
import { type RedisProcess, type ServerProcess, startRedisProcess, startServerProcess } from './server-process.ts';

const LOST = 'Redis does not answer';
const BACK = 'Redis answers again';
/** Wrong passwords an account takes before the next attempt answers 429 (the account's limit). */
const GUESSES = DEFAULT_THROTTLE_LIMITS.accountFailures;

// Not the shared Redis (other suites and processes use it): a redis-server of the test's own, on a
// port of its own, killed with SIGKILL and started again empty.
describe('Redis lost', () => {
  let redis: RedisProcess | undefined;
  let server: ServerProcess | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-crash-redis-'));

  afterAll(async () => {
    await server?.kill();
    await redis?.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('sign-ins go on with per-process limits while Redis is away, logged once, and shared limits resume when it is back', async () => {
    const port = await freePort();
    redis = await startRedisProcess(port);
    const setup = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'seatkeeper.sqlite') });
    await migrateToLatest(setup.db);
    const world = await createCrashWorld(setup.db);
    await setup.close();
    server = await startServerProcess({ DATA_DIR: dataDir, REDIS_URL: redis.url, LOG_LEVEL: 'info' });
    const url = server.url;
    const [first, second, third] = world.members as [Account, Account, Account];
    const counted = new Redis(redis.url, { lazyConnect: true });

    // Redis up: the account's count lives in Redis.
    expect(await signIn(url, world.owner)).toBe(200);
    expect(await guessUntilRefused(url, first)).toEqual({ refusedAfter: GUESSES, retryAfter: expect.any(Number) });
    await counted.connect();
    expect(await counted.keys(`seatkeeper:login-account:${first.email}`)).toHaveLength(1);
    counted.disconnect();

    // Redis gone: sign-ins still answer, right away, and guessing is still limited — in this
    // process's memory (the documented fallback).
    await redis.kill();
    for (let index = 0; index < 3; index++) expect(await signIn(url, world.owner)).toBe(200);
    expect(await guessUntilRefused(url, second)).toEqual({ refusedAfter: GUESSES, retryAfter: expect.any(Number) });
    expect(await signIn(url, world.owner)).toBe(200);
    expect(countLines(server.output(), LOST)).toBe(1);

    // Redis back (empty): the shared count resumes; the loss was logged once, the return once.
    redis = await startRedisProcess(port);
    await waitFor(() => countLines(server?.output() ?? '', BACK) === 1);
    expect(await guessUntilRefused(url, third)).toEqual({ refusedAfter: GUESSES, retryAfter: expect.any(Number) });
    const again = new Redis(redis.url, { lazyConnect: true });
    await again.connect();
    expect(await again.keys(`seatkeeper:login-account:${third.email}`)).toHaveLength(1);
    again.disconnect();
    expect(await signIn(url, world.owner)).toBe(200);
    expect(countLines(server.output(), LOST)).toBe(1);
    expect(countLines(server.output(), BACK)).toBe(1);
    expect(server.alive()).toBe(true);
  });
});

async function signIn(url: string, account: Account, password = account.password): Promise<number> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password }),
    signal: AbortSignal.timeout(30_000),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Wrong passwords until the first 429: how many were answered 401 first, and the 429's Retry-After (s). */
async function guessUntilRefused(url: string, account: Account) {
  for (let guesses = 0; guesses <= GUESSES + 1; guesses++) {
    const response = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: account.email, password: 'a wrong guess at it' }),
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    if (response.status === 429)
      return { refusedAfter: guesses, retryAfter: Number(response.headers.get('retry-after')) };
    if (response.status !== 401) throw new Error(`a wrong password answered ${response.status}`);
  }
  return { refusedAfter: undefined, retryAfter: undefined };
}

function countLines(output: string, text: string): number {
  return output.split('\n').filter((line) => line.includes(text)).length;
}

/** ioredis reconnects every ≤ 2 s; a bound far above it. */
async function waitFor(condition: () => boolean, boundMs = 20_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${boundMs} ms`);
    await pause(100);
  }
}
