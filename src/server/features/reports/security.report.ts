import type { Db } from '../../db/database.ts';
import { toIso } from '../../lib/time.ts';
import {
  countDistinctSignInKeys,
  readFailuresByAddress,
  readSignInsPerDay,
  readSignInTotals,
} from '../report-aggregates/index.ts';
import { findOrgUsers } from './report-helpers.ts';
import type { ReportRange } from './report-range.ts';

/** Failed sign-ins by user and by address, per day; from the daily aggregates. */
export async function buildSecurityReport(db: Db, orgId: string, range: ReportRange) {
  const [users, totals, perIp, perDay, distinct] = await Promise.all([
    findOrgUsers(db, orgId),
    readSignInTotals(db, orgId, range),
    readFailuresByAddress(db, orgId, range),
    readSignInsPerDay(db, orgId, range),
    countDistinctSignInKeys(db, orgId, range),
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
  const ips = perIp
    .map((row) => ({ ip: row.ip, failed: row.failed, accounts: row.accounts, lastFailureAt: toIso(row.lastAt) }))
    .sort((a, b) => b.accounts - a.accounts || b.failed - a.failed);
  const series = perDay.map(({ day, failed }) => ({ day, failed }));
  return { rows, ips, series };
}
