import fs from 'node:fs';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { migrations } from '../../src/server/db/migrations/index.ts';
import { SeededRandom } from '../../src/server/features/demo/random.ts';
import {
  AGGREGATE_TABLES,
  addAppUsageAggregates,
  addSignInAggregates,
  rebuildReportAggregates,
} from '../../src/server/features/report-aggregates/index.ts';
import { postgresAvailable } from '../helpers/postgres.ts';
import { openScratchDatabase } from '../helpers/scratch-database.ts';

// Migration 0004 fills the report aggregates from the events already stored, with a frozen copy
// of the catch-up job. Here a database is filled with raw events at the 0003 schema (plain SQL,
// as a server of that time stored them), migrated to the latest, and every aggregate table is
// compared with what today's catch-up job computes from the same events.

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../src/server/db/migrations');

it('migration 0004 and its frozen rebuild import nothing outside the migrations', () => {
  const files = fs.readdirSync(MIGRATIONS_DIR).filter((name) => name.startsWith('0004'));
  expect(files.length).toBe(2);
  for (const file of files) {
    const text = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
    const imports = [...text.matchAll(/ from '([^']+)';$/gm)].map((match) => match[1] ?? '');
    // Only kysely and the files beside it (other migrations, migration-helpers.ts).
    const outside = imports.filter((from) => from !== 'kysely' && !/^\.\/[^/]+$/.test(from));
    expect({ file, outside }).toEqual({ file, outside: [] });
  }
});

it('the aggregates refuse to be written outside the transaction of the events they count', async () => {
  const { database, cleanup } = await openScratchDatabase('sqlite');
  try {
    await migrateToLatest(database.db);
    await expect(addSignInAggregates(database.db, [])).rejects.toThrow(/inside the caller's transaction/);
    await expect(addAppUsageAggregates(database.db, [])).rejects.toThrow(/inside the caller's transaction/);
    await expect(rebuildReportAggregates(database.db, 'any')).rejects.toThrow(/inside the caller's transaction/);
  } finally {
    await cleanup();
  }
});

for (const kind of ['sqlite', 'postgres'] as const) {
  const describeIt = kind === 'postgres' && !postgresAvailable ? describe.skip : describe;
  describeIt(`migration 0004 fills the report aggregates [${kind}]`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    async function databaseAt0003(): Promise<DatabaseHandle> {
      const opened = await openScratchDatabase(kind);
      cleanup = opened.cleanup;
      const migrator = new Migrator({ db: opened.database.db, provider: { getMigrations: async () => migrations } });
      const { error } = await migrator.migrateTo('0003_report_aggregates');
      if (error) throw error;
      return opened.database;
    }

    it('leaves the tables empty in an empty database', async () => {
      const database = await databaseAt0003();
      await migrateToLatest(database.db);
      for (const table of AGGREGATE_TABLES)
        expect({ table, rows: await snapshot(database, table) }).toEqual({ table, rows: [] });
    });

    it('computes from events stored at 0003 what the catch-up job computes', async () => {
      const database = await databaseAt0003();
      const written = await writeEventsAt0003(database);
      await migrateToLatest(database.db);
      const migrated = await snapshotAll(database);
      // Not vacuous: every table has rows, and the sign-ins add up to the raw attempts.
      for (const table of AGGREGATE_TABLES) expect(migrated[table]?.length, table).toBeGreaterThan(0);
      const counted = (migrated.org_daily_sign_ins ?? []).reduce(
        (sum, row) => sum + Number(row.successful) + Number(row.failed),
        0,
      );
      expect(counted).toBe(written.aggregatedAttempts);

      for (const orgId of written.orgIds) {
        await database.db.transaction().execute((trx) => rebuildReportAggregates(trx, orgId));
      }
      expect(await snapshotAll(database)).toEqual(migrated);
    });
  });
}

/**
 * Two organizations in zones either side of UTC, with users whose attempts and app usage span a
 * new year (two bitmap years), quiet spells longer than the 30-day window, failures, throttles,
 * app devices and attempts without a country; a user with no events, and attempts on an unknown
 * account (no organization: never aggregated).
 */
async function writeEventsAt0003(database: DatabaseHandle) {
  const db = database.db;
  const random = new SeededRandom(2004);
  const start = Date.parse('2025-11-01T00:00:00Z');
  const orgs = [
    { id: 'org-sydney', zone: 'Australia/Sydney' },
    { id: 'org-new-york', zone: 'America/New_York' },
  ];
  let aggregatedAttempts = 0;
  for (const org of orgs) {
    await sql`insert into organizations (id, name, time_zone, created_at)
      values (${org.id}, ${org.id}, ${org.zone}, ${start})`.execute(db);
    for (let index = 0; index < 5; index++) {
      const userId = `${org.id}-user-${index}`;
      await sql`insert into users (id, org_id, email, email_normalized, name, role, status, created_at, updated_at)
        values (${userId}, ${org.id}, ${`${userId}@example.com`}, ${`${userId}@example.com`}, ${userId},
          'member', 'active', ${start}, ${start})`.execute(db);
      if (index === 4) continue; // no events at all
      for (let count = 0; count < 60; count++) {
        // User 3 has two bursts far apart: a quiet spell longer than a month.
        const day = index === 3 ? random.pick([random.int(0, 10), random.int(80, 90)]) : random.int(0, 120);
        const failure = random.chance(0.3);
        const app = random.chance(0.2);
        await insertAttempt(db, {
          org_id: org.id,
          user_id: userId,
          occurred_at: start + day * 86_400_000 + random.int(0, 24 * 60) * 60_000,
          outcome: failure ? 'failure' : 'success',
          failure_reason: failure ? (random.chance(0.3) ? 'throttled' : 'invalid_password') : null,
          ip: random.pick(['198.51.100.1', '198.51.100.2', '203.0.113.9']),
          country_code: random.chance(0.1) ? null : random.pick(['AU', 'US', 'JP']),
          device_type: random.pick(['desktop', 'mobile']),
          os: random.pick(['Windows', 'iOS', null]),
          browser: app ? null : random.pick(['Chrome', 'Safari']),
          device_id: app ? random.pick(['laptop-1', 'laptop-2']) : null,
        });
        aggregatedAttempts++;
      }
      for (let count = 0; count < 40; count++) {
        const day = index === 3 ? random.pick([random.int(0, 10), random.int(80, 90)]) : random.int(0, 120);
        await sql`insert into daily_app_usage (org_id, user_id, app_key, day, sessions, active_seconds)
          values (${org.id}, ${userId}, ${random.pick(['designer', 'viewer'])},
            ${new Date(start + day * 86_400_000).toISOString().slice(0, 10)},
            ${random.int(0, 2)}, ${random.int(0, 3) * 900})
          on conflict (org_id, day, user_id, app_key) do update set
            sessions = daily_app_usage.sessions + excluded.sessions,
            active_seconds = daily_app_usage.active_seconds + excluded.active_seconds`.execute(db);
      }
    }
  }
  for (let count = 0; count < 5; count++) {
    await insertAttempt(db, {
      org_id: null,
      user_id: null,
      occurred_at: start + count * 86_400_000,
      outcome: 'failure',
      failure_reason: 'unknown_account',
      ip: '203.0.113.9',
      country_code: 'AU',
      device_type: 'desktop',
      os: 'Windows',
      browser: 'Chrome',
      device_id: null,
    });
  }
  return { orgIds: orgs.map((org) => org.id), aggregatedAttempts };
}

async function insertAttempt(
  db: DatabaseHandle['db'],
  attempt: {
    org_id: string | null;
    user_id: string | null;
    occurred_at: number;
    outcome: string;
    failure_reason: string | null;
    ip: string;
    country_code: string | null;
    device_type: string;
    os: string | null;
    browser: string | null;
    device_id: string | null;
  },
) {
  await sql`insert into sign_in_attempts (org_id, user_id, email, occurred_at, outcome, failure_reason, client,
      ip, country_code, device_type, os, browser, device_id)
    values (${attempt.org_id}, ${attempt.user_id}, 'someone@example.com', ${attempt.occurred_at}, ${attempt.outcome},
      ${attempt.failure_reason}, ${attempt.device_id ? 'app' : 'console'}, ${attempt.ip}, ${attempt.country_code},
      ${attempt.device_type}, ${attempt.os}, ${attempt.browser}, ${attempt.device_id})`.execute(db);
}

async function snapshotAll(database: DatabaseHandle) {
  const tables: Record<string, Record<string, unknown>[]> = {};
  for (const table of AGGREGATE_TABLES) tables[table] = await snapshot(database, table);
  return tables;
}

/** Every row of a table, in a stable order (the tables have no surrogate keys). */
async function snapshot(database: DatabaseHandle, table: string) {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(database.db);
  return rows
    .map((row) =>
      Object.fromEntries(
        Object.keys(row)
          .sort()
          .map((key) => [key, row[key]]),
      ),
    )
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}
