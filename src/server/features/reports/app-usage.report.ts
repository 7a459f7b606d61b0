import type { Db } from '../../db/database.ts';
import { groupBy } from '../../lib/collections.ts';
import { readActiveUserSeries, readAppUsageTotals } from '../report-aggregates/index.ts';
import { findOrgUsers, productNames } from './report-helpers.ts';
import type { ReportRange } from './report-range.ts';

/**
 * Application usage frequency per user and app, and daily / weekly / monthly active
 * users (distinct users on the day, in the 7 and in the 30 days ending that day).
 */
export async function buildAppUsageReport(db: Db, orgId: string, range: ReportRange, app: string | undefined) {
  const [users, names, totals, series] = await Promise.all([
    findOrgUsers(db, orgId),
    productNames(db),
    readAppUsageTotals(db, orgId, range, app),
    // Undefined: all apps together.
    readActiveUserSeries(db, orgId, range, app),
  ]);
  const people = new Map(users.map((user) => [user.id, user]));
  const rows = totals
    .filter((row) => Number(row.active_days) > 0)
    .map((row) => {
      const userId = String(row.user_id);
      const appKey = String(row.app_key);
      return {
        userId,
        name: people.get(userId)?.name ?? '',
        email: people.get(userId)?.email ?? '',
        app: appKey,
        appName: names.get(appKey) ?? appKey,
        activeDays: Number(row.active_days),
        sessions: Number(row.sessions),
        seconds: Number(row.active_seconds),
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
