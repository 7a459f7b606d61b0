import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DailyAppUsageRow } from '../../db/schema.ts';
import { valuesInKeyOrder } from '../../lib/collections.ts';

/**
 * Adds sessions and active seconds to per-day counters (one upsert a row), nothing else: the
 * use case adds the same rows to the reports' aggregates (addAppUsageAggregates) in its
 * transaction. Adding is commutative, so batches may arrive in any order.
 */
export async function addDailyUsage(db: Db, rows: DailyAppUsageRow[]): Promise<void> {
  // 1,000 rows of 6 values stay far below SQLite's bound-parameter limit (32,766).
  for (let start = 0; start < rows.length; start += 1000) {
    await db
      .insertInto('daily_app_usage')
      .values(rows.slice(start, start + 1000))
      .onConflict((conflict) =>
        conflict.columns(['org_id', 'day', 'user_id', 'app_key']).doUpdateSet({
          sessions: sql`daily_app_usage.sessions + excluded.sessions`,
          active_seconds: sql`daily_app_usage.active_seconds + excluded.active_seconds`,
        }),
      )
      .execute();
  }
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
