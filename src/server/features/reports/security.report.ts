import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { toIso } from '../../lib/time.ts';
import { countDistinctKeys, findOrgUsers, sumOf, withinDays } from './report-helpers.ts';
import type { ReportRange } from './report-range.ts';

/** Failed sign-ins by user and by address, per day; from the daily aggregates. */
export async function buildSecurityReport(db: Db, orgId: string, range: ReportRange) {
  const [users, perUser, perIp, lastFailures, perDay, distinct] = await Promise.all([
    findOrgUsers(db, orgId),
    db
      .selectFrom('daily_sign_ins')
      .select(['user_id', sumOf('failed').as('failed'), sumOf('throttled').as('throttled')])
      .where(withinDays(orgId, range))
      .groupBy('user_id')
      .having(sql<boolean>`sum(failed) > 0`)
      .execute(),
    db
      .selectFrom('daily_failed_sign_ins')
      .select([
        'ip',
        sumOf('failed').as('failed'),
        sql<number>`count(distinct user_id)`.as('accounts'),
        (eb) => eb.fn.max('last_at').as('last_at'),
      ])
      .where(withinDays(orgId, range))
      .groupBy('ip')
      .execute(),
    db
      .selectFrom('daily_failed_sign_ins')
      .select(['user_id', (eb) => eb.fn.max('last_at').as('last_at')])
      .where(withinDays(orgId, range))
      .groupBy('user_id')
      .execute(),
    db
      .selectFrom('daily_sign_ins')
      .select(['day', sumOf('failed').as('failed')])
      .where(withinDays(orgId, range))
      .groupBy('day')
      .execute(),
    countDistinctKeys(db, orgId, range.from, range.to),
  ]);
  const people = new Map(users.map((user) => [user.id, user]));
  const lastFailure = new Map(lastFailures.map((row) => [row.user_id, Number(row.last_at)]));
  const rows = perUser
    .map((row) => ({
      userId: row.user_id,
      name: people.get(row.user_id)?.name ?? '',
      email: people.get(row.user_id)?.email ?? '',
      failed: Number(row.failed),
      throttled: Number(row.throttled),
      distinctCountries: distinct.get(row.user_id)?.countries ?? 0,
      distinctDevices: distinct.get(row.user_id)?.devices ?? 0,
      lastFailureAt: toIso(lastFailure.get(row.user_id) ?? null),
    }))
    .sort((a, b) => b.failed - a.failed);
  const ips = perIp
    .map((row) => ({
      ip: row.ip,
      failed: Number(row.failed),
      accounts: Number(row.accounts),
      lastFailureAt: toIso(Number(row.last_at)),
    }))
    .sort((a, b) => b.accounts - a.accounts || b.failed - a.failed);
  const byDay = new Map(perDay.map((row) => [row.day, Number(row.failed)]));
  const series = range.days.map((day) => ({ day, failed: byDay.get(day) ?? 0 }));
  return { rows, ips, series };
}
