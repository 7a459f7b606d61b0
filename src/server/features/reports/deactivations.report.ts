import type { Db } from '../../db/database.ts';
import { localMonth } from '../../lib/local-date.ts';
import { toIso } from '../../lib/time.ts';
import type { ReportRange } from './report-range.ts';

/** Why users were deactivated, per month (organization's zone), for those still deactivated. */
export async function buildDeactivationsReport(db: Db, orgId: string, range: ReportRange) {
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'deactivated_at', 'deactivation_reason', 'deactivation_note'])
    .where('org_id', '=', orgId)
    .where('status', '=', 'deactivated')
    .where('deactivated_at', '>=', range.fromMs)
    .where('deactivated_at', '<', range.toMs)
    .orderBy('deactivated_at', 'desc')
    .execute();
  const rows = users.map((user) => ({
    userId: user.id,
    name: user.name,
    email: user.email,
    deactivatedAt: toIso(user.deactivated_at ?? 0),
    reason: user.deactivation_reason ?? 'other',
    note: user.deactivation_note,
  }));
  const counts = new Map<string, { month: string; reason: string; count: number }>();
  for (const user of users) {
    const month = localMonth(user.deactivated_at ?? 0, range.timeZone);
    const reason = user.deactivation_reason ?? 'other';
    const key = `${month}|${reason}`;
    const entry = counts.get(key) ?? { month, reason, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const series = [...counts.values()].sort(
    (a, b) => a.month.localeCompare(b.month) || a.reason.localeCompare(b.reason),
  );
  return { rows, series };
}
