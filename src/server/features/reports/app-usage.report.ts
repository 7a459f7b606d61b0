import type { Db } from '../../db/database.ts';
import { addDays } from '../../lib/local-date.ts';
import { findOrgUsers, productNames, sumOf } from './report-helpers.ts';
import type { ReportRange } from './report-range.ts';

/**
 * Application usage frequency per user and app, and daily / weekly / monthly active
 * users (distinct users on the day, in the 7 and in the 30 days ending that day).
 */
export async function buildAppUsageReport(db: Db, orgId: string, range: ReportRange, app: string | undefined) {
  let usage = db
    .selectFrom('daily_app_usage')
    .where('org_id', '=', orgId)
    .where((eb) => eb.or([eb('sessions', '>', 0), eb('active_seconds', '>', 0)]));
  if (app) usage = usage.where('app_key', '=', app);
  const [users, names, perUserApp, activeDays] = await Promise.all([
    findOrgUsers(db, orgId),
    productNames(db),
    usage
      .select([
        'user_id',
        'app_key',
        (eb) => eb.fn.countAll<number>().as('active_days'),
        sumOf('sessions').as('sessions'),
        sumOf('active_seconds').as('seconds'),
      ])
      .where('day', '>=', range.from)
      .where('day', '<=', range.to)
      .groupBy(['user_id', 'app_key'])
      .execute(),
    // The 29 days before the range too: the first days' monthly counts look back that far.
    usage
      .select(['user_id', 'day'])
      .distinct()
      .where('day', '>=', addDays(range.from, -29))
      .where('day', '<=', range.to)
      .execute(),
  ]);
  const people = new Map(users.map((user) => [user.id, user]));
  const rows = perUserApp
    .map((row) => ({
      userId: row.user_id,
      name: people.get(row.user_id)?.name ?? '',
      email: people.get(row.user_id)?.email ?? '',
      app: row.app_key,
      appName: names.get(row.app_key) ?? row.app_key,
      activeDays: Number(row.active_days),
      sessions: Number(row.sessions),
      hours: roundHours(Number(row.seconds)),
    }))
    .sort((a, b) => b.hours - a.hours || a.name.localeCompare(b.name));
  const apps = [...groupBy(rows, (row) => row.app).entries()]
    .map(([key, appRows]) => ({
      app: key,
      appName: names.get(key) ?? key,
      activeUsers: appRows.length,
      sessions: appRows.reduce((sum, row) => sum + row.sessions, 0),
      hours: roundHours(appRows.reduce((sum, row) => sum + row.hours * 3600, 0)),
    }))
    .sort((a, b) => b.hours - a.hours);
  return { rows, apps, series: activeUserSeries(range.days, activeDays) };
}

/**
 * DAU/WAU/MAU per day: distinct users on the day, in the 7 and in the 30 days ending it.
 * Sliding windows: each (user, day) enters and leaves each window once, so the cost is
 * linear in the activity, not in days × window × users.
 */
export function activeUserSeries(days: string[], activity: { user_id: string; day: string }[]) {
  const usersByDay = groupBy(activity, (entry) => entry.day);
  const window = (size: number) => {
    const counts = new Map<string, number>();
    const add = (day: string, delta: number) => {
      for (const { user_id } of usersByDay.get(day) ?? []) {
        const count = (counts.get(user_id) ?? 0) + delta;
        if (count === 0) counts.delete(user_id);
        else counts.set(user_id, count);
      }
    };
    const first = days[0];
    if (first) for (let back = size - 1; back >= 1; back--) add(addDays(first, -back), 1);
    return days.map((day) => {
      add(day, 1);
      const distinct = counts.size;
      add(addDays(day, -(size - 1)), -1);
      return distinct;
    });
  };
  const weekly = window(7);
  const monthly = window(30);
  return days.map((day, index) => ({
    day,
    dau: usersByDay.get(day)?.length ?? 0,
    wau: weekly[index] ?? 0,
    mau: monthly[index] ?? 0,
  }));
}

function roundHours(seconds: number): number {
  return Math.round((seconds / 3600) * 10) / 10;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
