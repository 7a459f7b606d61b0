import type { Db } from '../../db/database.ts';
import { addDays } from '../../lib/local-date.ts';
import { activeUserSeries, readActiveDays } from './active-days.ts';
import { APP_USAGE_TOTALS } from './aggregates/aggregate-specs.ts';
import { readRunningTotalsBetween } from './aggregates/running-totals.ts';
import { findOrgUsers, productNames } from './report-helpers.ts';
import type { ReportRange } from './report-range.ts';

/**
 * Application usage frequency per user and app, and daily / weekly / monthly active
 * users (distinct users on the day, in the 7 and in the 30 days ending that day).
 */
export async function buildAppUsageReport(db: Db, orgId: string, range: ReportRange, app: string | undefined) {
  // The 29 days before the range too: the first days' monthly counts look back that far.
  const lookback = { from: addDays(range.from, -29), to: range.to };
  const [users, names, totals, activity] = await Promise.all([
    findOrgUsers(db, orgId),
    productNames(db),
    readRunningTotalsBetween(db, APP_USAGE_TOTALS, orgId, range),
    readActiveDays(db, orgId, lookback, { app, countFrom: range.from }),
  ]);
  const usage = new Map(totals.map((row) => [`${row.user_id}|${row.app_key}`, row]));
  const people = new Map(users.map((user) => [user.id, user]));
  const rows = activity.perUserApp.map(({ userId, app: appKey, activeDays }) => {
    const total = usage.get(`${userId}|${appKey}`);
    return {
      userId,
      name: people.get(userId)?.name ?? '',
      email: people.get(userId)?.email ?? '',
      app: appKey,
      appName: names.get(appKey) ?? appKey,
      activeDays,
      sessions: Number(total?.sessions ?? 0),
      seconds: Number(total?.active_seconds ?? 0),
    };
  });
  const apps = [...groupBy(rows, (row) => row.app).entries()]
    .map(([key, appRows]) => ({
      app: key,
      appName: names.get(key) ?? key,
      activeUsers: appRows.length,
      sessions: appRows.reduce((sum, row) => sum + row.sessions, 0),
      hours: roundHours(appRows.reduce((sum, row) => sum + row.seconds, 0)),
    }))
    .sort((a, b) => b.hours - a.hours);
  const series = activeUserSeries(range.days, activity.usersDays());
  return {
    rows: rows
      .map(({ seconds, ...row }) => ({ ...row, hours: roundHours(seconds) }))
      .sort((a, b) => b.hours - a.hours || a.name.localeCompare(b.name)),
    apps,
    series,
  };
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
