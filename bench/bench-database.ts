import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';

/**
 * A throw-away database for one benchmark run: SQLite in a temporary folder, or, when
 * BENCH_POSTGRES_URL names a server, a scratch PostgreSQL database created and dropped
 * there (the database in that URL is only used to create it).
 */
export async function openBenchDatabase() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-bench-'));
  const adminUrl = process.env.BENCH_POSTGRES_URL;
  let env: Record<string, string> = { DATA_DIR: dataDir };
  let dropScratch = async () => {};
  if (adminUrl) {
    const name = `seatkeeper_bench_${randomBytes(4).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env = { ...env, DATABASE_URL: url.toString() };
    dropScratch = () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  }
  const database = openDatabase(loadConfig(env).database);
  await migrateToLatest(database.db);
  // The generator's own connection gets a large page cache: millions of rows go into indexes
  // keyed by random UUIDs. Generation speed only; the server under measurement keeps its defaults.
  if (database.kind === 'sqlite') await sql`pragma cache_size = -524288`.execute(database.db);
  return {
    database,
    /** Environment for a server process over the same database. */
    env,
    async cleanup() {
      await database.close().catch(() => {});
      await dropScratch();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
