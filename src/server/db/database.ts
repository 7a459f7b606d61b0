import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, SqliteDialect } from 'kysely';
import pg from 'pg';
import { type Config, parsePoolSize } from '../config.ts';
import { markDatabaseError } from './errors.ts';
import type { Database } from './schema.ts';
import { withStatementCache } from './statement-cache.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'sqlite' | 'postgres';
  /** Cheap round trip for /readyz. */
  ping(): Promise<void>;
  /** PostgreSQL: the pool's connections now (the /metrics gauges); SQLite has no pool. */
  poolStats?: () => { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/** PostgreSQL: a new connection must be made (or a pooled one free) within this many ms. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** /readyz: a database that has not answered `select 1` within this many ms is not ready. */
export const PING_TIMEOUT_MS = 3_000;

const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/** Opens SQLite (default) or PostgreSQL, per configuration; the rest of the code does not know which. */
export function openDatabase(database: Config['database']): DatabaseHandle {
  return database.kind === 'sqlite' ? openSqlite(database.file) : openPostgres(database.url, database.poolSize);
}

function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the writer. synchronous=FULL fsyncs the WAL at every
  // commit: an acknowledged write survives a killed process and also a power cut
  // (NORMAL would survive only the former). Group commits keep the cost per request low.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // A second process (the CLI beside the server) waits for the lock instead of failing.
  sqlite.pragma('busy_timeout = 5000');
  // Hot statements stay prepared (statement-cache.ts).
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    kind: 'sqlite',
    ping: async () => {
      sqlite.prepare('select 1').get();
    },
    close: async () => {
      await db.destroy();
      // Kysely closes the file only if a query ever went through it (its driver opens lazily).
      if (sqlite.open) sqlite.close();
    },
  };
}

function openPostgres(url: string, poolSize = parsePoolSize(undefined)): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    // DATABASE_POOL_SIZE, default 2 × cores + 2 (config.ts parsePoolSize says why).
    max: poolSize,
    // Times and counts are int8: numbers well inside 2^53, so parse them as numbers.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8 || oid === PG_NUMERIC
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
    // A connection not made within this many ms (a PostgreSQL that hangs, a network that drops
    // packets), or no pooled connection free within it, fails the request: 503 database-unavailable
    // with Retry-After (http/errors.ts) rather than a request left waiting to its deadline.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // TCP keep-alive probes find a peer that vanished without closing (a cut network) in seconds, not hours.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // A client losing its connection (PostgreSQL restarted or stopped: 57P01, "Connection
  // terminated") must not crash the process. Idle clients are covered by the pool's 'error';
  // a checked-out client between two queries of a transaction has no listener of pg's own, and
  // an 'error' event without one would end the process. The next query fails (answered 503),
  // the pool drops the broken client, and a later request connects anew.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: markingDatabaseErrors(pool) }) });
  return {
    db,
    kind: 'postgres',
    ping: () => withTimeout(pool.query('select 1').catch(rethrowAsDatabaseError), PING_TIMEOUT_MS),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
}

/**
 * The pool as Kysely sees it, every error of `connect()` and of a client's `query()` marked as the
 * database's (errors.ts markDatabaseError): a refused or lost connection then answers 503
 * database-unavailable, while the same socket error from an outbound call stays a 500. The errors
 * are the driver's own objects, rethrown: Kysely still discards a client whose rollback failed and
 * releases it with `destroy`, as before.
 */
function markingDatabaseErrors(pool: pg.Pool): PostgresPool {
  // One wrapper per pg client, so Kysely keeps one connection object per client (its WeakMap).
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    connect: async () => {
      const client = await pool.connect().catch(rethrowAsDatabaseError);
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = markingClientErrors(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

function markingClientErrors(client: pg.PoolClient): PostgresPoolClient {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  return {
    // A query answers a promise; a cursor (streaming, not configured today) is handed back as it is.
    query: ((...args: unknown[]) => {
      const result = query(...args);
      return result instanceof Promise ? result.catch(rethrowAsDatabaseError) : result;
    }) as PostgresPoolClient['query'],
    // pg-pool sets `release` anew at every checkout: look it up at each call.
    release: (destroy) => client.release(destroy),
  };
}

function rethrowAsDatabaseError(error: unknown): never {
  throw markDatabaseError(error);
}

/** Resolves when `work` does, or rejects after `ms` (the work itself is left to finish). */
async function withTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
