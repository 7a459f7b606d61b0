import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, postgresAvailable } from '../../../test/helpers/postgres.ts';
import { toAppError } from '../http/errors.ts';
import { classifyDatabaseError } from './errors.ts';

// Real errors from real databases, as a request meets them: each one classified, and answered as a
// problem the client can act on (503 with Retry-After) instead of a 500.

/** A port of 127.0.0.1 nobody listens on (the kernel's pick, closed again). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The error `work` rejects with (fails the test when it resolves). */
async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('database failures on SQLite', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-db-errors-'));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('a write lock still held when busy_timeout runs out is a conflict: 503 database-busy, Retry-After 1', () => {
    const file = path.join(folder, 'busy.sqlite');
    const holder = new SQLite(file);
    const waiter = new SQLite(file);
    waiter.pragma('busy_timeout = 0');
    holder.exec('create table t (id integer primary key)');
    holder.exec('begin immediate');
    let error: unknown;
    try {
      waiter.exec('begin immediate');
    } catch (caught) {
      error = caught;
    }
    holder.exec('rollback');
    holder.close();
    waiter.close();
    expect(classifyDatabaseError(error)).toBe('conflict');
    const problem = toAppError(error as Error);
    expect(problem).toMatchObject({ status: 503, code: 'database-busy', extra: { headers: { 'Retry-After': '1' } } });
  });

  it('a constraint violation or a bad statement is no outage: still a 500', () => {
    const sqlite = new SQLite(':memory:');
    sqlite.exec('create table t (id integer primary key)');
    sqlite.exec('insert into t values (1)');
    let error: unknown;
    try {
      sqlite.exec('insert into t values (1)');
    } catch (caught) {
      error = caught;
    }
    sqlite.close();
    expect(classifyDatabaseError(error)).toBeUndefined();
    expect(toAppError(error as Error)).toMatchObject({ status: 500, code: 'internal' });
  });
});

describe.skipIf(!postgresAvailable)('database failures on PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it('a refused connection is unavailable: 503 database-unavailable with Retry-After, nothing about the address', async () => {
    const port = await freePort();
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/none` });
    const error = await errorOf(() => client.connect());
    expect(classifyDatabaseError(error)).toBe('unavailable');
    const problem = toAppError(error as Error);
    expect(problem).toMatchObject({
      status: 503,
      code: 'database-unavailable',
      extra: { headers: { 'Retry-After': '5' } },
    });
    expect(`${problem.title} ${problem.detail}`).not.toContain(String(port));
  });

  it('a session ended by the server (57P01, as in a restart) is unavailable, and so is the client after it', async () => {
    const victim = new pg.Client({ connectionString: scratch.url });
    const killer = new pg.Client({ connectionString: scratch.url });
    await victim.connect();
    await killer.connect();
    victim.on('error', () => {});
    const pid = (await victim.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid;
    const sleeping = errorOf(() => victim.query('select pg_sleep(30)'));
    // The victim's query is running before it is terminated.
    while (
      (await killer.query('select 1 from pg_stat_activity where pid = $1 and state = $2', [pid, 'active'])).rowCount ===
      0
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await killer.query('select pg_terminate_backend($1)', [pid]);
    const terminated = await sleeping;
    expect((terminated as { code?: string }).code).toBe('57P01');
    expect(classifyDatabaseError(terminated)).toBe('unavailable');
    const after = await errorOf(() => victim.query('select 1'));
    expect(classifyDatabaseError(after)).toBe('unavailable');
    await killer.end();
  });

  it('a deadlock (40P01) is a conflict: 503 database-busy', async () => {
    const setup = new pg.Client({ connectionString: scratch.url });
    await setup.connect();
    await setup.query('create table pair (id int primary key, n int not null)');
    await setup.query('insert into pair values (1, 0), (2, 0)');
    await setup.end();
    const first = new pg.Client({ connectionString: scratch.url });
    const second = new pg.Client({ connectionString: scratch.url });
    await first.connect();
    await second.connect();
    await first.query('begin');
    await second.query('begin');
    await first.query('update pair set n = n + 1 where id = 1');
    await second.query('update pair set n = n + 1 where id = 2');
    // Each now waits for the row the other holds: PostgreSQL ends one of them after deadlock_timeout.
    const outcomes = await Promise.allSettled([
      first.query('update pair set n = n + 1 where id = 2'),
      second.query('update pair set n = n + 1 where id = 1'),
    ]);
    await first.query('rollback');
    await second.query('rollback');
    await first.end();
    await second.end();
    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const error = (rejected[0] as PromiseRejectedResult).reason;
    expect((error as { code?: string }).code).toBe('40P01');
    expect(toAppError(error)).toMatchObject({ status: 503, code: 'database-busy' });
  });
});
