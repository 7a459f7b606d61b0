import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { ANY_APP, APP_USAGE_TOTALS, SIGN_IN_TOTALS } from './aggregate-specs.ts';
import { hasDayBetween } from './day-bitmaps.ts';
import { readRunningTotalsBetween, type TotalsRow } from './running-totals.ts';

/** A report's days, both ends included (YYYY-MM-DD, so text order is calendar order). */
interface DayRange {
  from: string;
  to: string;
}

/** The rows of one organization's per-day table (org_id, day, …) inside the range. */
const withinDays = (orgId: string, range: DayRange) =>
  sql<SqlBool>`org_id = ${orgId} and day >= ${range.from} and day <= ${range.to}`;

/**
 * Per user with attempts in the range: successful, failed and throttled attempts in it, and
 * the latest failure up to its end (ms; the range's latest only when it is inside the range).
 */
export function readSignInTotals(db: Db, orgId: string, range: DayRange): Promise<TotalsRow[]> {
  return readRunningTotalsBetween(db, SIGN_IN_TOTALS, orgId, range);
}

/**
 * Per user and app with use in the range: sessions, active seconds and active days in it. One
 * app, or (undefined) every app on its own row.
 */
export function readAppUsageTotals(
  db: Db,
  orgId: string,
  range: DayRange,
  app: string | undefined,
): Promise<TotalsRow[]> {
  return readRunningTotalsBetween(
    db,
    APP_USAGE_TOTALS,
    orgId,
    range,
    app === undefined ? sql`app_key <> ${ANY_APP}` : sql`app_key = ${app}`,
  );
}

/**
 * Distinct devices and countries per user over the range. A key first or last seen inside the
 * range counts at once (every range ending today is decided so); only a key seen both before
 * and after the range has its day bitmaps read.
 */
export async function countDistinctSignInKeys(db: Db, orgId: string, range: DayRange) {
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
export async function readSignInsPerDay(db: Db, orgId: string, range: DayRange & { days: string[] }) {
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
