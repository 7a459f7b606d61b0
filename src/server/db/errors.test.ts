import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, postgresAvailable } from '../../../test/helpers/postgres.ts';
import { toAppError } from '../http/errors.ts';
import { openDatabase } from './database.ts';
import { classifyDatabaseError, isUniqueViolation, markDatabaseError } from './errors.ts';

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

/** The error a plain TCP connection to `port` meets (an SMTP or Redis client's, say). */
function socketErrorOf(port: number): Promise<Error> {
  return new Promise((resolve) => {
    net.connect(port, '127.0.0.1').on('error', resolve);
  });
}

describe("connection errors that are not the database's", () => {
  it('a fetch to a refused port (a webhook, an OpenID provider) nobody caught is a 500, not database-unavailable', async () => {
    const port = await freePort();
    const error = await errorOf(() => fetch(`http://127.0.0.1:${port}/`));
    // undici says "fetch failed" and keeps the socket's ECONNREFUSED as the cause.
    expect((error as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    expect(classifyDatabaseError(error)).toBeUndefined();
    expect(toAppError(error as Error)).toMatchObject({ status: 500, code: 'internal' });
  });

  it('a refused socket of another client, alone or in an AggregateError, is a 500; marked by the driver it is an outage', async () => {
    const refused = await socketErrorOf(await freePort());
    expect((refused as { code?: string }).code).toBe('ECONNREFUSED');
    expect(toAppError(refused)).toMatchObject({ status: 500, code: 'internal' });
    const both = new AggregateError([refused, await socketErrorOf(await freePort())], 'connect failed');
    expect(classifyDatabaseError(both)).toBeUndefined();
    // The mark of the pool (database.ts) covers the errors inside the one it marks.
    expect(classifyDatabaseError(markDatabaseError(both))).toBe('unavailable');
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
    const database = openDatabase({ kind: 'postgres', url: `postgres://postgres@127.0.0.1:${port}/none` });
    const error = await errorOf(() => sql`select 1`.execute(database.db));
    await database.close();
    expect((error as { code?: string }).code).toBe('ECONNREFUSED');
    expect(classifyDatabaseError(error)).toBe('unavailable');
    const problem = toAppError(error as Error);
    expect(problem).toMatchObject({
      status: 503,
      code: 'database-unavailable',
      extra: { headers: { 'Retry-After': '5' } },
    });
    expect(`${problem.title} ${problem.detail}`).not.toContain(String(port));
  });

  it('a session ended by the server (57P01, as in a restart) fails its transaction as unavailable; the next one connects anew', async () => {
    // One connection: were the broken client kept or returned to the pool, the next query would fail or wait.
    const database = openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 1 });
    const killer = new pg.Client({ connectionString: scratch.url });
    await killer.connect();
    let terminated: unknown;
    const failed = await errorOf(() =>
      database.db.transaction().execute(async (trx) => {
        const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]?.pid;
        const sleeping = errorOf(() => sql`select pg_sleep(30)`.execute(trx));
        // The query is running before its session is terminated.
        while (
          (await killer.query('select 1 from pg_stat_activity where pid = $1 and state = $2', [pid, 'active']))
            .rowCount === 0
        ) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await killer.query('select pg_terminate_backend($1)', [pid]);
        terminated = await sleeping;
        throw terminated;
      }),
    );
    await killer.end();
    expect((terminated as { code?: string }).code).toBe('57P01');
    expect(classifyDatabaseError(terminated)).toBe('unavailable');
    // Kysely's rollback meets the dead connection: its error, in words only, is what the request sees.
    expect(classifyDatabaseError(failed)).toBe('unavailable');
    expect(toAppError(failed as Error)).toMatchObject({ status: 503, code: 'database-unavailable' });
    const after = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(after.rows).toEqual([{ one: 1 }]);
    await database.close();
  });

  it('an outbound call failing inside a transaction stays a 500, and the transaction is rolled back', async () => {
    const database = openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 1 });
    await sql`create table outbound_probe (id int primary key)`.execute(database.db);
    const port = await freePort();
    const error = await errorOf(() =>
      database.db.transaction().execute(async (trx) => {
        await sql`insert into outbound_probe values (1)`.execute(trx);
        await fetch(`http://127.0.0.1:${port}/hook`);
      }),
    );
    expect(toAppError(error as Error)).toMatchObject({ status: 500, code: 'internal' });
    const rows = await sql`select id from outbound_probe`.execute(database.db);
    expect(rows.rows).toEqual([]);
    await database.close();
  });

  it('a constraint violation through the pool keeps its SQLSTATE and stays a 500', async () => {
    const database = openDatabase({ kind: 'postgres', url: scratch.url });
    await sql`create table unique_probe (id int primary key)`.execute(database.db);
    await sql`insert into unique_probe values (1)`.execute(database.db);
    const error = await errorOf(() => sql`insert into unique_probe values (1)`.execute(database.db));
    await database.close();
    expect(error).toBeInstanceOf(pg.DatabaseError);
    expect(isUniqueViolation(error)).toBe(true);
    expect(toAppError(error as Error)).toMatchObject({ status: 500, code: 'internal' });
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
