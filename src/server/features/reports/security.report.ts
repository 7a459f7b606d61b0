import type { AlertType } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import { toIso } from '../../lib/time.ts';
import { countAlertsCreatedBetween } from '../alerts/index.ts';
import {
  countDistinctSignInKeys,
  readFailingAddresses,
  readSignInsPerDay,
  readSignInTotals,
} from '../report-aggregates/index.ts';
import { findOrgUsers } from './report-helpers.ts';
import type { ReportRange } from './report-range.ts';

/**
 * Failed sign-ins by user and by address, per day, from the daily aggregates; the alerts opened
 * in the range. Addresses: those in a day's top K (failing-addresses.ts), merged over the range;
 * the failures of every other address are answered as one remainder.
 */
export async function buildSecurityReport(db: Db, orgId: string, range: ReportRange) {
  const [users, totals, perIp, perDay, distinct, alertCounts] = await Promise.all([
    findOrgUsers(db, orgId),
    readSignInTotals(db, orgId, range),
    readFailingAddresses(db, orgId, range),
    readSignInsPerDay(db, orgId, range),
    countDistinctSignInKeys(db, orgId, range),
    countAlertsCreatedBetween(db, orgId, range),
  ]);
  const people = new Map(users.map((user) => [user.id, user]));
  const rows = totals
    .filter((row) => Number(row.failed) > 0)
    .map((row) => {
      // The latest failure up to the range's end is the range's latest when it is inside it.
      const lastFailedAt = Number(row.last_failed_at ?? 0);
      const userId = String(row.user_id);
      return {
        userId,
        name: people.get(userId)?.name ?? '',
        email: people.get(userId)?.email ?? '',
        failed: Number(row.failed),
        throttled: Number(row.throttled),
        distinctCountries: distinct.get(userId)?.countries ?? 0,
        distinctDevices: distinct.get(userId)?.devices ?? 0,
        lastFailureAt: toIso(lastFailedAt >= range.fromMs ? lastFailedAt : null),
      };
    })
    .sort((a, b) => b.failed - a.failed);
  const ips = perIp.map((row) => ({
    ip: row.ip,
    failed: row.failed,
    accounts: row.accounts,
    lastFailureAt: toIso(row.lastAt),
  }));
  const series = perDay.map(({ day, failed }) => ({ day, failed }));
  const failed = series.reduce((sum, day) => sum + day.failed, 0);
  const shown = ips.reduce((sum, row) => sum + row.failed, 0);
  const otherAddresses = { failed: Math.max(0, failed - shown) };
  return { rows, ips, otherAddresses, series, alerts: summarizeAlerts(alertCounts) };
}

type AlertCount = Awaited<ReturnType<typeof countAlertsCreatedBetween>>[number];

/** Counts by (type, status) → totals by status and per type (most frequent first). */
export function summarizeAlerts(counts: AlertCount[]) {
  const byStatus = { open: 0, acknowledged: 0, resolved: 0 };
  const byType = new Map<AlertType, { type: AlertType; count: number; unresolved: number }>();
  for (const { type, status, count } of counts) {
    byStatus[status] += count;
    const entry = byType.get(type as AlertType) ?? { type: type as AlertType, count: 0, unresolved: 0 };
    entry.count += count;
    if (status !== 'resolved') entry.unresolved += count;
    byType.set(type as AlertType, entry);
  }
  return {
    total: byStatus.open + byStatus.acknowledged + byStatus.resolved,
    byStatus,
    byType: [...byType.values()].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
  };
}
