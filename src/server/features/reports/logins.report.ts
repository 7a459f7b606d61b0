import type { Db } from '../../db/database.ts';
import { toIso } from '../../lib/time.ts';
import { countDistinctSignInKeys, readSignInsPerDay, readSignInTotals } from '../report-aggregates/index.ts';
import { findOrgUsers } from './report-helpers.ts';
import type { ReportRange } from './report-range.ts';

/** Sign-ins per user over the range, and per day. Reads running totals and day bitmaps only. */
export async function buildLoginsReport(db: Db, orgId: string, range: ReportRange) {
  const [users, totals, series, distinct] = await Promise.all([
    findOrgUsers(db, orgId),
    readSignInTotals(db, orgId, range),
    readSignInsPerDay(db, orgId, range),
    countDistinctSignInKeys(db, orgId, range),
  ]);
  const counts = new Map(totals.map((row) => [row.user_id, row]));
  const rows = users
    .map((user) => {
      const count = counts.get(user.id);
      const successful = Number(count?.successful ?? 0);
      const failed = Number(count?.failed ?? 0);
      return {
        userId: user.id,
        name: user.name,
        email: user.email,
        status: user.status,
        total: successful + failed,
        successful,
        failed,
        lastSignInAt: toIso(user.last_login_at),
        distinctDevices: distinct.get(user.id)?.devices ?? 0,
        distinctCountries: distinct.get(user.id)?.countries ?? 0,
      };
    })
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  return { rows, series };
}
