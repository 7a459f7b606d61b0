import type { Db } from '../../db/database.ts';
import { dayNumber } from '../../lib/local-date.ts';
import { APP_ACTIVE_DAYS } from './aggregates/aggregate-specs.ts';
import { daysOf, readDayBitmaps } from './aggregates/day-bitmaps.ts';

/** Per user and app, the days (day numbers, ascending) they used it within `from`..`to`. */
export async function activeDaysByUser(
  db: Db,
  orgId: string,
  range: { from: string; to: string },
  app?: string,
): Promise<Map<string, Map<string, number[]>>> {
  const rows = await readDayBitmaps(db, APP_ACTIVE_DAYS, orgId, range, app ? { app_key: app } : undefined);
  const [from, to] = [dayNumber(range.from), dayNumber(range.to)];
  const users = new Map<string, Map<string, number[]>>();
  for (const row of rows) {
    const days = daysOf(row, from, to);
    if (days.length === 0) continue;
    const apps = users.get(row.user_id) ?? new Map<string, number[]>();
    const appKey = row.key.app_key ?? '';
    const existing = apps.get(appKey);
    // A range over New Year reads two rows of one app: join them in day order.
    apps.set(appKey, existing ? [...existing, ...days].sort((a, b) => a - b) : days);
    users.set(row.user_id, apps);
  }
  return users;
}

/** The days a user used any of the apps, ascending and distinct. */
export function anyAppDays(apps: Map<string, number[]>): number[] {
  if (apps.size === 1) return apps.values().next().value ?? [];
  return [...new Set([...apps.values()].flat())].sort((a, b) => a - b);
}

/**
 * DAU/WAU/MAU per day: distinct users active on the day, in the 7 and in the 30 days ending
 * it. Each user adds their covered stretches to a difference array once, so the cost is linear
 * in the active days, not in days × window × users. `users` holds each user's active days.
 */
export function activeUserSeries(days: string[], users: Iterable<number[]>) {
  const first = dayNumber(days[0] ?? '1970-01-01');
  const length = days.length;
  const windows = [1, 7, 30].map((size) => ({ size, diff: new Int32Array(length + 1) }));
  for (const userDays of users) {
    for (const { size, diff } of windows) {
      let coveredUntil = Number.NEGATIVE_INFINITY; // exclusive, as an index into `days`
      for (const day of userDays) {
        const start = Math.max(day - first, coveredUntil, 0);
        const end = Math.min(day - first + size, length);
        if (start < end) {
          diff[start] = (diff[start] ?? 0) + 1;
          diff[end] = (diff[end] ?? 0) - 1;
        }
        coveredUntil = Math.max(coveredUntil, day - first + size);
      }
    }
  }
  const running = windows.map(() => 0);
  return days.map((day, index) => {
    const [dau, wau, mau] = windows.map(({ diff }, window) => {
      running[window] = (running[window] ?? 0) + (diff[index] ?? 0);
      return running[window] ?? 0;
    });
    return { day, dau: dau ?? 0, wau: wau ?? 0, mau: mau ?? 0 };
  });
}
