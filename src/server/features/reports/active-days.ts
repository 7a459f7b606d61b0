import type { Db } from '../../db/database.ts';
import { dayNumber } from '../../lib/local-date.ts';
import { APP_ACTIVE_DAYS } from './aggregates/aggregate-specs.ts';
import { forEachDay, readDayBitmaps } from './aggregates/day-bitmaps.ts';

/**
 * Per user, the days (day numbers, ascending and distinct) they used any app (or `app`) within
 * `from`..`to`, and per user and app the number of those days from `countFrom` on.
 */
export async function readActiveDays(
  db: Db,
  orgId: string,
  range: { from: string; to: string },
  options: { app?: string | undefined; countFrom?: string } = {},
) {
  const rows = await readDayBitmaps(
    db,
    APP_ACTIVE_DAYS,
    orgId,
    range,
    options.app ? { app_key: options.app } : undefined,
  );
  const [from, to] = [dayNumber(range.from), dayNumber(range.to)];
  const countFrom = dayNumber(options.countFrom ?? range.from);
  const flags = new Map<string, Uint8Array>();
  const counts = new Map<string, { userId: string; app: string; activeDays: number }>();
  const perAppDay = new Map<string, Int32Array>();
  for (const row of rows) {
    const app = row.key.app_key ?? '';
    let userFlags = flags.get(row.user_id);
    if (!userFlags) {
      userFlags = new Uint8Array(to - from + 1);
      flags.set(row.user_id, userFlags);
    }
    const id = `${row.user_id}|${app}`;
    const count = counts.get(id) ?? { userId: row.user_id, app, activeDays: 0 };
    counts.set(id, count);
    let appDays = perAppDay.get(app);
    if (!appDays) {
      appDays = new Int32Array(to - from + 1);
      perAppDay.set(app, appDays);
    }
    const days = appDays;
    const marks = userFlags;
    forEachDay(row, from, to, (day) => {
      marks[day - from] = 1;
      days[day - from] = (days[day - from] ?? 0) + 1;
      if (day >= countFrom) count.activeDays++;
    });
  }
  return {
    /** Per user and app, active days from `countFrom` (only those with some). */
    perUserApp: [...counts.values()].filter((entry) => entry.activeDays > 0),
    /** Per user, their active days, for the active-user series. */
    *usersDays(): Generator<number[]> {
      for (const userFlags of flags.values()) {
        const days: number[] = [];
        for (let index = 0; index < userFlags.length; index++) if (userFlags[index]) days.push(from + index);
        yield days;
      }
    },
    /** Per app, the most distinct users on one day of the range. */
    peakDailyUsers: new Map([...perAppDay].map(([app, perDay]) => [app, Math.max(0, ...perDay)])),
  };
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
