import type { Db } from '../../../db/database.ts';
import type { DailyAppUsageRow } from '../../../db/schema.ts';
import { APP_ACTIVE_DAYS, APP_USAGE_TOTALS } from './aggregate-specs.ts';
import { markDays } from './day-bitmaps.ts';
import { addToRunningTotals } from './running-totals.ts';

/**
 * Adds per-day usage (already merged and sorted by key) to the reports' running totals and
 * active-day bitmaps, inside the caller's transaction.
 */
export async function addAppUsageAggregates(db: Db, rows: DailyAppUsageRow[]): Promise<void> {
  for (const row of rows) {
    if (row.sessions === 0 && row.active_seconds === 0) continue;
    await addToRunningTotals(
      db,
      APP_USAGE_TOTALS,
      row.org_id,
      { user_id: row.user_id, app_key: row.app_key },
      row.day,
      { sessions: row.sessions, active_seconds: row.active_seconds },
    );
  }
  await markDays(
    db,
    APP_ACTIVE_DAYS,
    rows
      .filter((row) => row.sessions > 0 || row.active_seconds > 0)
      .map((row) => ({ orgId: row.org_id, userId: row.user_id, key: { app_key: row.app_key }, day: row.day })),
  );
}
