import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { hasDayBetween } from './aggregates/day-bitmaps.ts';

/** `sum(column)` as a number on both databases (PostgreSQL sums integers as bigint/numeric). */
export const sumOf = (column: string) => sql<number>`coalesce(sum(${sql.ref(column)}), 0)`;

/**
 * The rows of one organization's per-day table (org_id, day, …) inside a report's days,
 * both ends included. Days are YYYY-MM-DD text, so text order is calendar order.
 */
export const withinDays = (orgId: string, range: { from: string; to: string }) =>
  sql<SqlBool>`org_id = ${orgId} and day >= ${range.from} and day <= ${range.to}`;

/**
 * Everyone in the organization, for reports that list users with zero activity too. Only the
 * columns the rows show: at 10,000 users every column read costs milliseconds.
 */
export async function findOrgUsers(db: Db, orgId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'status', 'last_login_at'])
    .where('org_id', '=', orgId)
    .execute();
}

/**
 * Distinct devices and countries per user over the range. A key first or last seen inside the
 * range counts at once (every range ending today is decided so); only a key seen both before
 * and after the range has its day bitmaps read.
 */
export async function countDistinctKeys(db: Db, orgId: string, range: { from: string; to: string }) {
  const rows = await db
    .selectFrom('sign_in_keys as k')
    .select((eb) => [
      'k.user_id',
      // One row per user (not per user and kind): half the rows to group and to return.
      eb.fn.sum<number>(sql`case when k.kind = 'device' then 1 else 0 end`).as('devices'),
      eb.fn.sum<number>(sql`case when k.kind = 'country' then 1 else 0 end`).as('countries'),
    ])
    .where('k.org_id', '=', orgId)
    .where('k.first_day', '<=', range.to)
    .where('k.last_day', '>=', range.from)
    .where((eb) =>
      eb.or([
        eb('k.first_day', '>=', range.from),
        eb('k.last_day', '<=', range.to),
        eb.exists(
          eb
            .selectFrom('sign_in_key_days as d')
            .select(sql.lit(1).as('one'))
            .whereRef('d.org_id', '=', 'k.org_id')
            .whereRef('d.user_id', '=', 'k.user_id')
            .whereRef('d.kind', '=', 'k.kind')
            .whereRef('d.value', '=', 'k.value')
            .where(hasDayBetween(range.from, range.to) as RawBuilder<SqlBool>),
        ),
      ]),
    )
    .groupBy('k.user_id')
    .execute();
  return new Map(rows.map((row) => [row.user_id, { devices: Number(row.devices), countries: Number(row.countries) }]));
}

/** The organization's sign-ins per day of the range, every day present (zeros included). */
export async function signInsPerDay(db: Db, orgId: string, range: { from: string; to: string; days: string[] }) {
  const rows = await db
    .selectFrom('org_daily_sign_ins')
    .select(['day', 'successful', 'failed', 'throttled'])
    .where(withinDays(orgId, range))
    .execute();
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return range.days.map((day) => ({
    day,
    successful: Number(byDay.get(day)?.successful ?? 0),
    failed: Number(byDay.get(day)?.failed ?? 0),
  }));
}

/** Products by key, for names in rows. */
export async function productNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('products').select(['key', 'name']).execute();
  return new Map(rows.map((row) => [row.key, row.name]));
}
