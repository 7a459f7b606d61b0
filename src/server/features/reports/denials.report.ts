import type { Db } from '../../db/database.ts';
import type { SeatDenialReason } from '../../db/schema.ts';
import { localDay } from '../../lib/local-date.ts';
import { toIso } from '../../lib/time.ts';
import { countDenialsByHour, countDenialsBySubscription, findMostDeniedUsers } from './denials.repository.ts';
import { productNames } from './report-helpers.ts';
import type { ReportRange } from './report-range.ts';

/** The table of the most turned-away people lists this many. */
export const MOST_DENIED_USERS = 50;

const REASONS: readonly SeatDenialReason[] = ['pool_full', 'no_seat', 'device_limit', 'subscription_expired'];

/**
 * Every refused seat request in the range, per product and subscription: by reason, how many were real
 * (the app gave up, or found no seat within the retry window) and how many got a seat on a retry, the
 * distinct people turned away; per day and reason for the chart; the people refused most. Aggregated in
 * SQL: the work is bounded by products, hours of the range and MOST_DENIED_USERS, not by denials.
 * Days are the organization's: a denial counts on the local day its UTC hour starts in (exact for zones
 * a whole number of hours from UTC).
 */
export async function buildDenialsReport(
  db: Db,
  orgId: string,
  range: ReportRange,
  options: { now: number; product?: string | undefined },
) {
  const filter = { orgId, from: range.fromMs, to: range.toMs, now: options.now, product: options.product };
  const [bySubscription, byHour, users, names] = await Promise.all([
    countDenialsBySubscription(db, filter),
    countDenialsByHour(db, filter),
    findMostDeniedUsers(db, filter, MOST_DENIED_USERS),
    productNames(db),
  ]);
  const rows = bySubscription.map((row) => ({
    subscriptionId: row.subscriptionId,
    app: row.productKey,
    appName: names.get(row.productKey) ?? row.productKey,
    total: row.total,
    poolFull: row.poolFull,
    noSeat: row.noSeat,
    deviceLimit: row.deviceLimit,
    subscriptionExpired: row.subscriptionExpired,
    real: row.real,
    seatOnRetry: row.seatOnRetry,
    pending: row.total - row.real - row.seatOnRetry,
    turnedAwayUsers: row.turnedAwayUsers,
    users: row.users,
  }));
  const perDay = new Map(range.days.map((day) => [day, Object.fromEntries(REASONS.map((reason) => [reason, 0]))]));
  for (const hour of byHour) {
    const day =
      perDay.get(localDay(hour.hour, range.timeZone)) ??
      perDay.get(localDay(Math.max(hour.hour, range.fromMs), range.timeZone));
    if (day) day[hour.reason] = (day[hour.reason] ?? 0) + hour.count;
  }
  const series = [...perDay].map(([day, counts]) => ({
    day,
    poolFull: counts.pool_full ?? 0,
    noSeat: counts.no_seat ?? 0,
    deviceLimit: counts.device_limit ?? 0,
    subscriptionExpired: counts.subscription_expired ?? 0,
  }));
  return {
    rows,
    series,
    users: users.map((user) => ({ ...user, lastDeniedAt: toIso(user.lastDeniedAt) })),
  };
}
