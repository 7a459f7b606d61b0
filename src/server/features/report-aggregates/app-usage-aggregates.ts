import type { Db } from '../../db/database.ts';
import type { DailyAppUsageRow } from '../../db/schema.ts';
import { groupBy, valuesInKeyOrder } from '../../lib/collections.ts';
import { dayNumber } from '../../lib/local-date.ts';
import {
  type ActiveUserRows,
  activeUserChanges,
  LOOK_AROUND,
  mergeActiveUserChanges,
  nearestActiveDays,
} from './active-users.ts';
import { ANY_APP, APP_ACTIVE_DAYS, APP_USAGE_TOTALS } from './aggregate-specs.ts';
import {
  addActiveUserChangesBatch,
  addToRunningTotalsBatch,
  lockRunningTotalsKeys,
  markDaysBatch,
  readBitmapsOfOrgUsers,
  type TotalsChange,
} from './batched-writes.ts';
import { DayBitSet } from './day-bitmaps.ts';
import { requireTransaction } from './require-transaction.ts';

type UsageEntry = Pick<DailyAppUsageRow, 'org_id' | 'user_id' | 'app_key' | 'day' | 'sessions' | 'active_seconds'>;

/**
 * Adds per-day usage to the reports' aggregates inside the caller's transaction (the use case
 * that adds the same rows to daily_app_usage calls it right after): running totals (sessions,
 * seconds, active days) per user and app and for all apps together, the active-day bitmaps,
 * and — when a user's day becomes active for the first time — the organization's
 * daily/weekly/monthly active users. Eight statements whatever the number of rows
 * (batched-writes.ts): a heartbeat batch of 500 sessions costs what one of 5 does in round trips.
 */
export async function addAppUsageAggregates(db: Db, rows: DailyAppUsageRow[]): Promise<void> {
  requireTransaction(db, 'addAppUsageAggregates');
  const entries = withAnyApp(rows.filter((row) => row.sessions > 0 || row.active_seconds > 0));
  if (entries.length === 0) return;
  // Keys locked in sorted order before their bits are read: a concurrent writer of the same
  // user and app (PostgreSQL) waits here, and then sees this transaction's days.
  const lock = await lockRunningTotalsKeys(
    db,
    APP_USAGE_TOTALS,
    entries.map((entry) => ({ orgId: entry.org_id, key: { user_id: entry.user_id, app_key: entry.app_key } })),
  );
  const years = entries.map((entry) => Number(entry.day.slice(0, 4)));
  const bitmaps = groupBy(
    await readBitmapsOfOrgUsers(
      db,
      APP_ACTIVE_DAYS,
      entries.map((entry) => ({ orgId: entry.org_id, userId: entry.user_id })),
      { from: Math.min(...years) - 1, to: Math.max(...years) + 1 },
    ),
    (row) => row.orgId,
  );
  const changes: ActiveUserRows = new Map();
  const totals: TotalsChange[] = [];
  for (const [orgId, orgEntries] of groupBy(entries, (entry) => entry.org_id)) {
    const known = new DayBitSet(bitmaps.get(orgId) ?? [], (key) => key.app_key ?? '');
    for (const entry of orgEntries) {
      const day = dayNumber(entry.day);
      const fresh = !known.has(entry.user_id, entry.app_key, day);
      if (fresh) {
        const { previous, next } = nearestActiveDays((other) => known.has(entry.user_id, entry.app_key, other), day);
        known.set(entry.user_id, entry.app_key, day);
        const found = activeUserChanges(previous, day, next);
        mergeActiveUserChanges(
          changes,
          found.map((change) => ({ orgId, app: entry.app_key, change })),
        );
      }
      totals.push({
        orgId,
        key: { user_id: entry.user_id, app_key: entry.app_key },
        day: entry.day,
        delta: { sessions: entry.sessions, active_seconds: entry.active_seconds, active_days: fresh ? 1 : 0 },
      });
    }
  }
  await addToRunningTotalsBatch(db, APP_USAGE_TOTALS, totals, lock);
  await markDaysBatch(
    db,
    APP_ACTIVE_DAYS,
    entries.map((entry) => ({
      orgId: entry.org_id,
      userId: entry.user_id,
      key: { app_key: entry.app_key },
      day: entry.day,
    })),
  );
  await addActiveUserChangesBatch(db, changes);
}

/**
 * One user's usage of all days and apps (sorted by app, then day) as the catch-up job writes
 * it for a user with no aggregates yet: the running totals' per-day counts and the active-user
 * changes, adding the days in order.
 */
export function summariseUserUsage(orgId: string, userId: string, rows: UsageEntry[], into: ActiveUserRows) {
  const perKey = new Map<string, { day: string; delta: Record<string, number> }[]>();
  for (const [app, appRows] of groupBy(withAnyApp(rows), (row) => row.app_key)) {
    const days = appRows.map((row) => ({
      day: row.day,
      delta: { sessions: row.sessions, active_seconds: row.active_seconds, active_days: 1 },
    }));
    perKey.set(app, days);
    let previous: number | null = null;
    for (const { day } of days) {
      const current = dayNumber(day);
      const near = previous !== null && current - previous <= LOOK_AROUND ? previous : null;
      const found = activeUserChanges(near, current, null);
      mergeActiveUserChanges(
        into,
        found.map((change) => ({ orgId, app, change })),
      );
      previous = current;
    }
  }
  return {
    perKey,
    marks: rows.flatMap((row) => [
      { orgId, userId, key: { app_key: row.app_key }, day: row.day },
      { orgId, userId, key: { app_key: ANY_APP }, day: row.day },
    ]),
  };
}

/** The entries once per app and once more under ANY_APP (summed per user and day), sorted by key and day. */
function withAnyApp(rows: UsageEntry[]): UsageEntry[] {
  const merged = new Map<string, UsageEntry>();
  for (const row of rows) {
    for (const app_key of [row.app_key, ANY_APP]) {
      const id = `${row.org_id}|${row.user_id}|${app_key}|${row.day}`;
      const entry = merged.get(id) ?? { ...row, app_key, sessions: 0, active_seconds: 0 };
      entry.sessions += row.sessions;
      entry.active_seconds += row.active_seconds;
      merged.set(id, entry);
    }
  }
  return valuesInKeyOrder(merged);
}
