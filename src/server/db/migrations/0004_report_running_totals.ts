import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import * as reportAggregates from './0003_report_aggregates.ts';
import { rebuildReportAggregatesAt0004 } from './0004-rebuild-report-aggregates.ts';
import { isSqlite } from './migration-helpers.ts';

/** 31 bits a word: a word fits a 32-bit integer on both databases and a JavaScript number exactly. */
const DAY_WORDS = 12; // 12 × 31 = 372 ≥ 366 days of a year

/**
 * Report aggregates whose read cost does not grow with the events or the length of the range
 * (issue 4's scale target), replacing the per-day rows of 0003 for sign-ins:
 *
 * - running totals: per user (and app) and local day, the totals *up to the end of that day*,
 *   one row for every day from the first to the latest activity (dense), so a range's count
 *   is the row at its last day minus the row before its first — two reads per user, whatever
 *   the range. `*_latest` holds each key's newest totals, for users quiet since a bound.
 * - day bitmaps: per user (and device, country or app) and calendar year, one bit a day, so
 *   "distinct devices in the range" or "active days" is a mask test per key, not a row per day.
 * - per-organization daily totals for the charts: one row per day, whatever the users.
 *
 * They are filled at write time; `seatkeeper rebuild-reports` recomputes them from the raw events.
 * Here they are filled from the events already stored by a frozen copy of that job
 * (0004-rebuild-report-aggregates.ts), never by the live code, which follows later schemas.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // On SQLite the primary key is the table itself (no rowid), so a report's stretch of the key
  // is contiguous on disk instead of one row lookup per key.
  const clustered = (table: CreateTableBuilder<string, string>) =>
    isSqlite(db) ? table.modifyEnd(sql`without rowid`) : table;
  await db.schema.dropTable('daily_sign_in_keys').execute();
  await db.schema.dropTable('daily_sign_ins').execute();
  // Failures by address: the same table as 0003's, clustered on its key (refilled below).
  await db.schema.dropTable('daily_failed_sign_ins').execute();
  await db.schema
    .createTable('daily_failed_sign_ins')
    .addColumn('org_id', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('ip', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('failed', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('daily_failed_sign_ins_pk', ['org_id', 'day', 'ip', 'user_id'])
    .$call(clustered)
    .execute();

  await db.schema
    .createTable('org_daily_sign_ins')
    .addColumn('org_id', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('successful', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('throttled', 'integer', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('org_daily_sign_ins_pk', ['org_id', 'day'])
    .$call(clustered)
    .execute();

  // Per organization, app ('' for any app) and day: users active that day, and the changes of
  // the 7- and 30-day active-user counts that day (a difference array: a day's weekly count is
  // the sum of the changes up to it), kept up when a user's day first becomes active.
  await db.schema
    .createTable('org_daily_active_users')
    .addColumn('org_id', 'text', (col) => col.notNull())
    .addColumn('app_key', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('users', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('weekly_change', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('monthly_change', 'integer', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('org_daily_active_users_pk', ['org_id', 'app_key', 'day'])
    .$call(clustered)
    .execute();

  const signInTotals = (table: CreateTableBuilder<string, string>) =>
    table
      .addColumn('successful', 'integer', (col) => col.notNull())
      .addColumn('failed', 'integer', (col) => col.notNull())
      .addColumn('throttled', 'integer', (col) => col.notNull())
      .addColumn('last_failed_at', 'bigint');
  await signInTotals(
    db.schema
      .createTable('sign_in_running_totals')
      .addColumn('org_id', 'text', (col) => col.notNull())
      .addColumn('day', 'text', (col) => col.notNull())
      .addColumn('user_id', 'text', (col) => col.notNull()),
  )
    // Day before user: one bound of a report is one contiguous stretch of the key.
    .addPrimaryKeyConstraint('sign_in_running_totals_pk', ['org_id', 'day', 'user_id'])
    .$call(clustered)
    .execute();
  await signInTotals(
    db.schema
      .createTable('sign_in_running_totals_latest')
      .addColumn('org_id', 'text', (col) => col.notNull())
      .addColumn('user_id', 'text', (col) => col.notNull())
      .addColumn('first_day', 'text', (col) => col.notNull())
      .addColumn('last_day', 'text', (col) => col.notNull()),
  )
    .addPrimaryKeyConstraint('sign_in_running_totals_latest_pk', ['org_id', 'user_id'])
    .$call(clustered)
    .execute();

  await db.schema
    .createTable('app_usage_running_totals')
    .addColumn('org_id', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('app_key', 'text', (col) => col.notNull())
    .addColumn('sessions', 'integer', (col) => col.notNull())
    .addColumn('active_seconds', 'bigint', (col) => col.notNull())
    .addColumn('active_days', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('app_usage_running_totals_pk', ['org_id', 'day', 'user_id', 'app_key'])
    .$call(clustered)
    .execute();
  await db.schema
    .createTable('app_usage_running_totals_latest')
    .addColumn('org_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('app_key', 'text', (col) => col.notNull())
    .addColumn('first_day', 'text', (col) => col.notNull())
    .addColumn('last_day', 'text', (col) => col.notNull())
    .addColumn('sessions', 'integer', (col) => col.notNull())
    .addColumn('active_seconds', 'bigint', (col) => col.notNull())
    .addColumn('active_days', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('app_usage_running_totals_latest_pk', ['org_id', 'user_id', 'app_key'])
    .$call(clustered)
    .execute();

  await dayBitmapTable(db, 'sign_in_key_days', ['kind', 'value']);
  // Each device or country of a user once, with the first and last day it was seen: a range
  // that holds either end counts the key without reading its bitmaps (every range ending today).
  await db.schema
    .createTable('sign_in_keys')
    .addColumn('org_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('first_day', 'text', (col) => col.notNull())
    .addColumn('last_day', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('sign_in_keys_pk', ['org_id', 'user_id', 'kind', 'value'])
    .$call(clustered)
    .execute();
  await dayBitmapTable(db, 'app_active_days', ['app_key']);
  // One user's usage in day order: what the catch-up job folds into the tables above.
  await db.schema
    .createIndex('daily_app_usage_user')
    .on('daily_app_usage')
    .columns(['org_id', 'user_id', 'app_key', 'day'])
    .execute();
  // An upgraded server keeps its reports: fill the new tables from the events already stored.
  const { rows: organizations } = await sql<{ id: string }>`select id from organizations order by id`.execute(db);
  for (const organization of organizations) await rebuildReportAggregatesAt0004(db, organization.id);
}

async function dayBitmapTable(db: Kysely<unknown>, name: string, keys: string[]) {
  let table: CreateTableBuilder<string, string> = db.schema
    .createTable(name)
    .addColumn('org_id', 'text', (col) => col.notNull())
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull());
  for (const key of keys) table = table.addColumn(key, 'text', (col) => col.notNull());
  for (let word = 0; word < DAY_WORDS; word++) {
    table = table.addColumn(`w${word}`, 'integer', (col) => col.notNull().defaultTo(0));
  }
  table = table.addPrimaryKeyConstraint(`${name}_pk`, ['org_id', 'year', 'user_id', ...keys]);
  await (isSqlite(db) ? table.modifyEnd(sql`without rowid`) : table).execute();
}

/** Back to 0003's per-day tables, empty: they are aggregates, refilled by no one (0003 is superseded). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('daily_app_usage_user').execute();
  for (const table of [
    'org_daily_active_users',
    'sign_in_keys',
    'app_active_days',
    'sign_in_key_days',
    'app_usage_running_totals_latest',
    'app_usage_running_totals',
    'sign_in_running_totals_latest',
    'sign_in_running_totals',
    'org_daily_sign_ins',
    'daily_failed_sign_ins',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await reportAggregates.up(db);
}
