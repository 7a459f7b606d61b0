import type { Db } from '../../db/database.ts';
import { addDays, localToday } from '../../lib/local-date.ts';
import { DAY_MS } from '../../lib/time.ts';
import { listSubscriptions, toSubscription } from '../subscriptions/index.ts';
import { recommendRenewals } from './demand.report.ts';

/** Subscriptions ending within this many days are "expiring soon". */
export const EXPIRING_SOON_DAYS = 30;

/**
 * License assignments and expirations, with what they cost idle and what to renew:
 * used = holders who used the app within `usedWithinDays`; the forecast is the demand report's
 * (recommendRenewals): a floating pool's 90-day p95 of hourly demand, a named subscription's busiest
 * day of the last 90 (distinct users of the app) with 10 % headroom.
 */
export async function buildLicensesReport(
  db: Db,
  orgId: string,
  options: { usedWithinDays: number; timeZone: string; now: number },
) {
  const { now } = options;
  const since = now - options.usedWithinDays * DAY_MS;
  const today = localToday(now, options.timeZone);
  const subscriptions = await listSubscriptions(db, orgId);
  const [used, advice] = await Promise.all([
    db
      .selectFrom('seat_assignments')
      .select(['subscription_id', (eb) => eb.fn.countAll<number>().as('used')])
      .where('org_id', '=', orgId)
      .where('unassigned_at', 'is', null)
      .where('last_used_at', '>=', since)
      .groupBy('subscription_id')
      .execute(),
    recommendRenewals(db, orgId, subscriptions, { now, today, ninetyDaysAgo: addDays(today, -89) }),
  ]);
  const usedBySubscription = new Map(used.map((row) => [row.subscription_id, Number(row.used)]));
  const rows = subscriptions.map((row) => {
    const subscription = toSubscription(row, now);
    const usedSeats = usedBySubscription.get(row.id) ?? 0;
    const idle = Math.max(0, row.assigned - usedSeats);
    const recommendation = advice.get(row.id);
    // A floating pool's peak is its busiest hour's seats in use (p95 aside): the same 90 days.
    const peakUsed90d = recommendation?.peakDailyUsers ?? recommendation?.demand?.peak90d ?? 0;
    return {
      subscriptionId: row.id,
      app: row.product_key,
      appName: row.product_name,
      seats: row.seats,
      assigned: row.assigned,
      used: usedSeats,
      idle,
      status: subscription.status,
      startsAt: subscription.startsAt,
      expiresAt: subscription.expiresAt,
      autoRenew: subscription.autoRenew,
      daysUntilExpiry: subscription.daysUntilExpiry,
      seatPriceCents: row.seat_price_cents,
      currency: row.currency,
      idleCostCents: row.seat_price_cents === null ? null : idle * row.seat_price_cents,
      peakUsed90d,
      recommendedSeats: recommendation?.seats ?? row.seats,
      recommendation: recommendation?.text ?? '',
    };
  });
  const expiringSoon = rows.filter((row) => row.status !== 'expired' && row.daysUntilExpiry <= EXPIRING_SOON_DAYS);
  return { rows, expiringSoon };
}
