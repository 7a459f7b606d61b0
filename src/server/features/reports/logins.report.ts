import type { Db } from '../../db/database.ts';
import { toIso } from '../../lib/time.ts';
import { countDistinctKeys, findOrgUsers, sumOf, withinDays } from './report-helpers.ts';
import type { ReportRange } from './report-range.ts';

/** Sign-ins per user over the range, and per day. Reads daily aggregates only. */
export async function buildLoginsReport(db: Db, orgId: string, range: ReportRange) {
  const [users, perUser, perDay, distinct] = await Promise.all([
    findOrgUsers(db, orgId),
    db
      .selectFrom('daily_sign_ins')
      .select(['user_id', sumOf('successful').as('successful'), sumOf('failed').as('failed')])
      .where(withinDays(orgId, range))
      .groupBy('user_id')
      .execute(),
    db
      .selectFrom('daily_sign_ins')
      .select(['day', sumOf('successful').as('successful'), sumOf('failed').as('failed')])
      .where(withinDays(orgId, range))
      .groupBy('day')
      .execute(),
    countDistinctKeys(db, orgId, range.from, range.to),
  ]);
  const counts = new Map(perUser.map((row) => [row.user_id, row]));
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
  const byDay = new Map(perDay.map((row) => [row.day, row]));
  const series = range.days.map((day) => ({
    day,
    successful: Number(byDay.get(day)?.successful ?? 0),
    failed: Number(byDay.get(day)?.failed ?? 0),
  }));
  return { rows, series };
}
