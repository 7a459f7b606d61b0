import type { Db } from '../../db/database.ts';
import { addDays, localToday } from '../../lib/local-date.ts';
import { countOpenAlertsBySeverity, listAlerts } from '../alerts/index.ts';
import { readSignInsPerDay } from '../report-aggregates/index.ts';
import { buildInactiveUsersReport } from './inactive-users.report.ts';
import { buildLicensesReport } from './licenses.report.ts';
import { parseReportRange } from './report-range.ts';

/** Newest open alerts the Overview lists. */
const OVERVIEW_ALERTS = 5;

/** The Overview page in one answer: users, seats, 30 days of sign-ins, what expires, who went quiet, open alerts. */
export async function buildOverview(
  db: Db,
  orgId: string,
  options: { timeZone: string; now: number; inactivityDays: number },
) {
  const today = localToday(options.now, options.timeZone);
  const range = parseReportRange({ from: addDays(today, -29), to: today }, options.timeZone, options.now);
  const [signIns, licenses, inactive, users, openBySeverity, openAlerts] = await Promise.all([
    readSignInsPerDay(db, orgId, range),
    buildLicensesReport(db, orgId, { usedWithinDays: 30, timeZone: options.timeZone, now: options.now }),
    buildInactiveUsersReport(db, orgId, { days: options.inactivityDays, now: options.now }),
    db
      .selectFrom('users')
      .select((eb) => [
        'status',
        eb.fn.countAll<number>().as('count'),
        eb.fn.count<number>('password_hash').as('with_password'),
      ])
      .where('org_id', '=', orgId)
      .groupBy('status')
      .execute(),
    countOpenAlertsBySeverity(db, orgId),
    listAlerts(db, orgId, { status: 'open' }, { limit: OVERVIEW_ALERTS }),
  ]);
  const active = users.find((row) => row.status === 'active');
  const live = licenses.rows.filter((row) => row.status !== 'expired');
  return {
    timeZone: options.timeZone,
    users: {
      // Invited: active accounts whose invitation has not been accepted yet (no password).
      active: Number(active?.with_password ?? 0),
      deactivated: Number(users.find((row) => row.status === 'deactivated')?.count ?? 0),
      invited: Number(active?.count ?? 0) - Number(active?.with_password ?? 0),
    },
    seats: {
      purchased: live.reduce((sum, row) => sum + row.seats, 0),
      assigned: live.reduce((sum, row) => sum + row.assigned, 0),
      usedLast30Days: live.reduce((sum, row) => sum + row.used, 0),
    },
    signIns,
    expiringSoon: licenses.expiringSoon.map((row) => ({
      subscriptionId: row.subscriptionId,
      appName: row.appName,
      expiresAt: row.expiresAt,
      daysUntilExpiry: row.daysUntilExpiry,
      autoRenew: row.autoRenew,
    })),
    inactiveUsers: inactive.rows.length,
    inactivityDays: options.inactivityDays,
    openAlerts: {
      total: openBySeverity.low + openBySeverity.medium + openBySeverity.high,
      bySeverity: openBySeverity,
      latest: openAlerts.items,
    },
  };
}
