import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DailyAppUsageRow } from '../../db/schema.ts';
import { valuesInKeyOrder } from '../../lib/collections.ts';
import { addAppUsageAggregates } from '../reports/aggregates/app-usage-aggregates.ts';

/**
 * Adds sessions and active seconds to per-day counters (one upsert a row). Reports
 * read these, never raw heartbeats; adding is commutative, so batches may arrive in any order.
 */
export async function addDailyUsage(db: Db, rows: DailyAppUsageRow[]): Promise<void> {
  if (rows.length === 0) return;
  // The counters and the reports' aggregates commit together, also when the caller has no transaction.
  if (!db.isTransaction) return db.transaction().execute((trx) => addDailyUsage(trx, rows));
  // 1,000 rows of 6 values stay far below SQLite's bound-parameter limit (32,766).
  for (let start = 0; start < rows.length; start += 1000) await upsertUsage(db, rows.slice(start, start + 1000));
  await addAppUsageAggregates(db, rows);
}

async function upsertUsage(db: Db, rows: DailyAppUsageRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('daily_app_usage')
    .values(rows)
    .onConflict((conflict) =>
      conflict.columns(['org_id', 'day', 'user_id', 'app_key']).doUpdateSet({
        sessions: sql`daily_app_usage.sessions + excluded.sessions`,
        active_seconds: sql`daily_app_usage.active_seconds + excluded.active_seconds`,
      }),
    )
    .execute();
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(at: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** Merges counters with the same key, so a batch upserts each day row once. */
export function mergeUsage(rows: DailyAppUsageRow[]): DailyAppUsageRow[] {
  const merged = new Map<string, DailyAppUsageRow>();
  for (const row of rows) {
    const key = `${row.org_id}\u0000${row.user_id}\u0000${row.app_key}\u0000${row.day}`;
    const existing = merged.get(key);
    if (existing) {
      existing.sessions += row.sessions;
      existing.active_seconds += row.active_seconds;
    } else {
      merged.set(key, { ...row });
    }
  }
  // Sorted, so that concurrent transactions lock the same rows in the same order (no deadlock).
  return valuesInKeyOrder(merged);
}
