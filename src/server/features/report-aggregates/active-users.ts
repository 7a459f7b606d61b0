import type { Db } from '../../db/database.ts';
import type { OrgDailyActiveUsersRow } from '../../db/schema.ts';
import { valuesInKeyOrder } from '../../lib/collections.ts';
import { dateOfDayNumber } from '../../lib/local-date.ts';
import { ANY_APP } from './aggregate-specs.ts';

/**
 * Daily, weekly and monthly active users per organization and app, as a difference array:
 * a user counts in a day's weekly figure when they were active on one of the 7 days ending it,
 * so each active day covers itself and the 6 after; the union of a user's covered stretches is
 * kept as +1 where a stretch starts and −1 after it ends. The weekly count of a day is then the
 * sum of the changes up to it: a report reads one row per day, whatever the users.
 */
export const WINDOWS = { weekly: 7, monthly: 30 } as const;
/** How far a neighbouring active day can change what a new one covers. */
export const LOOK_AROUND = WINDOWS.monthly - 1;

export interface ActiveUserChange {
  day: number;
  users: number;
  weekly: number;
  monthly: number;
}

/**
 * The changes when `day` becomes one of a user's active days, given their nearest active days
 * before and after it (null when none within LOOK_AROUND days): what the new day covers that
 * its neighbours did not already.
 */
export function activeUserChanges(previous: number | null, day: number, next: number | null): ActiveUserChange[] {
  const changes = new Map<number, ActiveUserChange>();
  const at = (when: number) => {
    let change = changes.get(when);
    if (!change) {
      change = { day: when, users: 0, weekly: 0, monthly: 0 };
      changes.set(when, change);
    }
    return change;
  };
  at(day).users += 1;
  for (const [name, size] of Object.entries(WINDOWS) as ['weekly' | 'monthly', number][]) {
    const start = previous === null ? day : Math.max(day, previous + size);
    const end = next === null ? day + size - 1 : Math.min(day + size - 1, next - 1);
    if (start <= end) {
      at(start)[name] += 1;
      at(end + 1)[name] -= 1;
    }
  }
  return [...changes.values()];
}

/** Per day of `days`: DAU, and WAU/MAU from the changes' running sums (`base`: the sums before the first day). */
export function seriesFromChanges(
  days: string[],
  rows: { day: string; users: number; weekly_change: number; monthly_change: number }[],
  base: { weekly: number; monthly: number },
) {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  let weekly = base.weekly;
  let monthly = base.monthly;
  return days.map((day) => {
    const row = byDay.get(day);
    weekly += Number(row?.weekly_change ?? 0);
    monthly += Number(row?.monthly_change ?? 0);
    return { day, dau: Number(row?.users ?? 0), wau: weekly, mau: monthly };
  });
}

/** DAU/WAU/MAU for each day of the range, for one app or (ANY_APP) all. */
export async function readActiveUserSeries(
  db: Db,
  orgId: string,
  range: { from: string; to: string; days: string[] },
  app: string = ANY_APP,
) {
  const [before, rows] = await Promise.all([
    db
      .selectFrom('org_daily_active_users')
      .select((eb) => [
        eb.fn.coalesce(eb.fn.sum<number>('weekly_change'), eb.lit(0)).as('weekly'),
        eb.fn.coalesce(eb.fn.sum<number>('monthly_change'), eb.lit(0)).as('monthly'),
      ])
      .where('org_id', '=', orgId)
      .where('app_key', '=', app)
      .where('day', '<', range.from)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('org_daily_active_users')
      .select(['day', 'users', 'weekly_change', 'monthly_change'])
      .where('org_id', '=', orgId)
      .where('app_key', '=', app)
      .where('day', '>=', range.from)
      .where('day', '<=', range.to)
      .execute(),
  ]);
  return seriesFromChanges(range.days, rows, { weekly: Number(before.weekly), monthly: Number(before.monthly) });
}

/** Per app, the most users active on one day of the range. */
export async function readPeakDailyUsers(db: Db, orgId: string, range: { from: string; to: string }) {
  const rows = await db
    .selectFrom('org_daily_active_users')
    .select(['app_key', (eb) => eb.fn.max('users').as('peak')])
    .where('org_id', '=', orgId)
    .where('app_key', '<>', ANY_APP)
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .groupBy('app_key')
    .execute();
  return new Map(rows.map((row) => [row.app_key, Number(row.peak)]));
}

export type ActiveUserRows = Map<string, OrgDailyActiveUsersRow>;

/** Sums changes into rows per organization, app and day. */
export function mergeActiveUserChanges(
  into: ActiveUserRows,
  changes: { orgId: string; app: string; change: ActiveUserChange }[],
): ActiveUserRows {
  for (const { orgId, app, change } of changes) {
    const day = dateOfDayNumber(change.day);
    const id = `${orgId}|${app}|${day}`;
    const row = into.get(id) ?? { org_id: orgId, app_key: app, day, users: 0, weekly_change: 0, monthly_change: 0 };
    row.users += change.users;
    row.weekly_change += change.weekly;
    row.monthly_change += change.monthly;
    into.set(id, row);
  }
  return into;
}

/** Adds changes to the organization's rows (sorted, so concurrent writers lock rows in one order). */
export async function addActiveUserChanges(db: Db, rows: ActiveUserRows): Promise<void> {
  const sorted = valuesInKeyOrder(rows);
  for (let start = 0; start < sorted.length; start += 500) {
    await db
      .insertInto('org_daily_active_users')
      .values(sorted.slice(start, start + 500))
      .onConflict((conflict) =>
        conflict.columns(['org_id', 'app_key', 'day']).doUpdateSet((eb) => ({
          users: eb('org_daily_active_users.users', '+', eb.ref('excluded.users')),
          weekly_change: eb('org_daily_active_users.weekly_change', '+', eb.ref('excluded.weekly_change')),
          monthly_change: eb('org_daily_active_users.monthly_change', '+', eb.ref('excluded.monthly_change')),
        })),
      )
      .execute();
  }
}

/** The nearest set day before / after `day` within LOOK_AROUND days, or null. */
export function nearestActiveDays(isActive: (day: number) => boolean, day: number) {
  let previous: number | null = null;
  let next: number | null = null;
  for (let step = 1; step <= LOOK_AROUND && (previous === null || next === null); step++) {
    if (previous === null && isActive(day - step)) previous = day - step;
    if (next === null && isActive(day + step)) next = day + step;
  }
  return { previous, next };
}
