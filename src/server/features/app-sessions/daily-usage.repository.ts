import { sql } from 'kysely';
import { columnsOf, valuesTable } from '../../db/batch-params.ts';
import type { Db } from '../../db/database.ts';
import type { DailyAppUsageRow } from '../../db/schema.ts';
import { valuesInKeyOrder } from '../../lib/collections.ts';

/**
 * Adds sessions and active seconds to per-day counters (one upsert a row), nothing else: the
 * use case adds the same rows to the reports' aggregates (addAppUsageAggregates) in its
 * transaction. Adding is commutative, so batches may arrive in any order.
 */
export async function addDailyUsage(db: Db, rows: DailyAppUsageRow[]): Promise<void> {
  if (rows.length === 0) return;
  // One statement whatever the number of rows (merged by key: an upsert may meet a row only once).
  const merged = mergeUsage(rows);
  const columns = {
    org_id: 'text',
    user_id: 'text',
    app_key: 'text',
    day: 'text',
    sessions: 'integer',
    active_seconds: 'integer',
  } as const;
  await sql`insert into daily_app_usage (org_id, user_id, app_key, day, sessions, active_seconds)
    select ${columnsOf('v', columns)} from ${valuesTable(db, 'v', columns, merged)} where true
    on conflict (org_id, day, user_id, app_key) do update set
      sessions = daily_app_usage.sessions + excluded.sessions,
      active_seconds = daily_app_usage.active_seconds + excluded.active_seconds`.execute(db);
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
