import type { Db } from '../../db/database.ts';
import type { DailyAppUsageRow } from '../../db/schema.ts';
import { groupBy, valuesInKeyOrder } from '../../lib/collections.ts';
import { dayNumber } from '../../lib/local-date.ts';
import {
  type ActiveUserRows,
  activeUserChanges,
  addActiveUserChanges,
  LOOK_AROUND,
  mergeActiveUserChanges,
  nearestActiveDays,
} from './active-users.ts';
import { ANY_APP, APP_ACTIVE_DAYS, APP_USAGE_TOTALS } from './aggregate-specs.ts';
import { DayBitSet, markDays, readBitmapsOfUsers } from './day-bitmaps.ts';
import { requireTransaction } from './require-transaction.ts';
import { addToRunningTotals, lockRunningTotalsKey } from './running-totals.ts';

type UsageEntry = Pick<DailyAppUsageRow, 'org_id' | 'user_id' | 'app_key' | 'day' | 'sessions' | 'active_seconds'>;

/**
 * Adds per-day usage to the reports' aggregates inside the caller's transaction (the use case
 * that adds the same rows to daily_app_usage calls it right after): running totals (sessions,
 * seconds, active days) per user and app and for all apps together, the active-day bitmaps,
 * and — when a user's day becomes active for the first time — the organization's
 * daily/weekly/monthly active users.
 */
export async function addAppUsageAggregates(db: Db, rows: DailyAppUsageRow[]): Promise<void> {
  requireTransaction(db, 'addAppUsageAggregates');
  const entries = withAnyApp(rows.filter((row) => row.sessions > 0 || row.active_seconds > 0));
  if (entries.length === 0) return;
  // Keys locked in sorted order before their bits are read: a concurrent writer of the same
  // user and app (PostgreSQL) waits here, and then sees this transaction's days.
  const keys = [
    ...new Map(entries.map((entry) => [`${entry.org_id}|${entry.user_id}|${entry.app_key}`, entry])).values(),
  ];
  for (const entry of keys) {
    await lockRunningTotalsKey(db, APP_USAGE_TOTALS, entry.org_id, { user_id: entry.user_id, app_key: entry.app_key });
  }
  const changes: ActiveUserRows = new Map();
  for (const [orgId, orgEntries] of groupBy(entries, (entry) => entry.org_id)) {
    const years = orgEntries.map((entry) => Number(entry.day.slice(0, 4)));
    const known = new DayBitSet(
      await readBitmapsOfUsers(db, APP_ACTIVE_DAYS, orgId, [...new Set(orgEntries.map((entry) => entry.user_id))], {
        from: Math.min(...years) - 1,
        to: Math.max(...years) + 1,
      }),
      (key) => key.app_key ?? '',
    );
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
      await addToRunningTotals(
        db,
        APP_USAGE_TOTALS,
        orgId,
        { user_id: entry.user_id, app_key: entry.app_key },
        entry.day,
        { sessions: entry.sessions, active_seconds: entry.active_seconds, active_days: fresh ? 1 : 0 },
      );
    }
  }
  await markDays(
    db,
    APP_ACTIVE_DAYS,
    entries.map((entry) => ({
      orgId: entry.org_id,
      userId: entry.user_id,
      key: { app_key: entry.app_key },
      day: entry.day,
    })),
  );
  await addActiveUserChanges(db, changes);
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
