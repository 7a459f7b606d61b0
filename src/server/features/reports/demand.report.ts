import type { Db } from '../../db/database.ts';
import { localDay } from '../../lib/local-date.ts';
import { DAY_MS, HOUR_MS } from '../../lib/time.ts';
import { readPeakDailyUsers } from '../report-aggregates/index.ts';
import { listSubscriptions } from '../subscriptions/index.ts';
import type { ReportRange } from './report-range.ts';
import {
  countTurnedAwayByHour,
  countTurnedAwayUsers,
  findFirstUsageHours,
  findUsageHourBefore,
  findUsageHours,
} from './seat-demand.repository.ts';
import {
  carryHourlyPeaks,
  type HourPeak,
  nearestRankPercentile,
  recommendSeats,
  type SeatRecommendation,
} from './seat-demand.ts';

/** The recommendation of a floating pool looks at this many days of hourly demand. */
export const DEMAND_DAYS = 90;
/** Percentiles of hourly peaks over these many days, ending with the current hour. */
const PERCENTILE_WINDOWS = [30, 90, 365] as const;
/** A named subscription's renewal forecast: its busiest day of distinct users, with this headroom. */
const NAMED_HEADROOM = 1.1;

type SubscriptionWithProduct = Awaited<ReturnType<typeof listSubscriptions>>[number];

const floorHour = (at: number) => Math.floor(at / HOUR_MS) * HOUR_MS;

/** Hourly peaks of seats in use of each subscription in [fromHour, toHour), carried through quiet hours. */
async function hourlyPeaksOf(
  db: Db,
  orgId: string,
  subscriptions: SubscriptionWithProduct[],
  range: { fromHour: number; toHour: number },
): Promise<Map<string, HourPeak[]>> {
  const ids = subscriptions.map((row) => row.id);
  const rows = await findUsageHours(db, orgId, ids, range);
  const peaks = new Map<string, HourPeak[]>();
  for (const subscription of subscriptions) {
    const before = await findUsageHourBefore(db, orgId, subscription.id, range.fromHour);
    const start = { level: before?.last ?? 0, seats: before?.seats ?? subscription.seats };
    peaks.set(subscription.id, carryHourlyPeaks(rows.get(subscription.id) ?? [], range, start));
  }
  return peaks;
}

interface Demand {
  p95: { days30: number; days90: number; days365: number };
  /** Over the last DEMAND_DAYS days. */
  hoursAtCapacity90d: number;
  peak90d: number;
  turnedAwayUsers90d: number;
  p95Demand90d: number;
  /** False when no seat was ever in use: nothing to base advice on. */
  hasHistory: boolean;
}

/**
 * The last 365 days of each subscription, hour by hour, ending with the current hour: the percentiles
 * of its hourly peaks and its hourly demand (peak in use + people turned away for want of a seat that
 * hour). Hours before its first recorded use are left out, so a new pool is not judged by empty months.
 */
async function readDemand(db: Db, orgId: string, subscriptions: SubscriptionWithProduct[], now: number) {
  const toHour = floorHour(now) + HOUR_MS;
  const fromHour = toHour - 365 * DAY_MS;
  const ids = subscriptions.map((row) => row.id);
  const [peaks, firsts, turnedAway, turnedAwayUsers] = await Promise.all([
    hourlyPeaksOf(db, orgId, subscriptions, { fromHour, toHour }),
    findFirstUsageHours(db, orgId, ids),
    countTurnedAwayByHour(db, orgId, { from: toHour - DEMAND_DAYS * DAY_MS, to: toHour, now }),
    countTurnedAwayUsers(db, orgId, { from: toHour - DEMAND_DAYS * DAY_MS, to: toHour, now }),
  ]);
  const demand = new Map<string, Demand>();
  for (const subscription of subscriptions) {
    const first = firsts.get(subscription.id);
    const hours = (peaks.get(subscription.id) ?? []).filter((hour) => first !== undefined && hour.hour >= first);
    const within = (days: number) => hours.filter((hour) => hour.hour >= toHour - days * DAY_MS);
    const p95Of = (days: number) =>
      nearestRankPercentile(
        within(days).map((hour) => hour.peak),
        95,
      );
    const turned = turnedAway.get(subscription.id) ?? new Map<number, number>();
    const recent = within(DEMAND_DAYS);
    demand.set(subscription.id, {
      p95: { days30: p95Of(PERCENTILE_WINDOWS[0]), days90: p95Of(PERCENTILE_WINDOWS[1]), days365: p95Of(365) },
      peak90d: recent.reduce((peak, hour) => Math.max(peak, hour.peak), 0),
      hoursAtCapacity90d: recent.filter((hour) => hour.peak >= hour.seats).length,
      turnedAwayUsers90d: turnedAwayUsers.get(subscription.id) ?? 0,
      p95Demand90d: nearestRankPercentile(
        recent.map((hour) => hour.peak + (turned.get(hour.hour) ?? 0)),
        95,
      ),
      hasHistory: first !== undefined || turned.size > 0,
    });
  }
  return demand;
}

function floatingRecommendation(subscription: SubscriptionWithProduct, demand: Demand): SeatRecommendation {
  const owned = subscription.seats;
  const appName = subscription.product_name;
  if (!demand.hasHistory) {
    return recommendSeats({ recommended: owned, owned, appName }, 'no seat of the pool has been in use yet');
  }
  const people = demand.turnedAwayUsers90d;
  return recommendSeats(
    { recommended: demand.p95Demand90d, owned, appName },
    `90-day p95 demand is ${demand.p95Demand90d} against ${owned} owned; ${demand.hoursAtCapacity90d} ` +
      `hour${demand.hoursAtCapacity90d === 1 ? '' : 's'} at capacity and ${people} ` +
      `${people === 1 ? 'person' : 'people'} turned away in the last ${DEMAND_DAYS} days`,
  );
}

/** Named seats: the busiest day of distinct users of the app in the last 90 days, with 10 % headroom. */
export function namedRecommendation(subscription: SubscriptionWithProduct, peakDailyUsers: number) {
  return recommendSeats(
    {
      recommended: Math.ceil(Math.max(peakDailyUsers, 1) * NAMED_HEADROOM),
      owned: subscription.seats,
      appName: subscription.product_name,
    },
    `the busiest day of the last ${DEMAND_DAYS} days had ${peakDailyUsers} ` +
      `user${peakDailyUsers === 1 ? '' : 's'}, plus 10 % headroom`,
  );
}

/**
 * The renewal advice of each subscription, one definition for the demand and the licenses reports:
 * a floating pool's is the 90-day p95 of its hourly demand, a named subscription's its busiest day.
 */
export async function recommendRenewals(
  db: Db,
  orgId: string,
  subscriptions: SubscriptionWithProduct[],
  options: { now: number; today: string; ninetyDaysAgo: string; demandOfNamed?: boolean },
): Promise<Map<string, SeatRecommendation & { demand?: Demand; peakDailyUsers?: number }>> {
  // Named seats' percentiles only when a report shows them: their advice does not need them.
  const measured = options.demandOfNamed ? subscriptions : subscriptions.filter((row) => row.kind === 'floating');
  const [demand, peaks] = await Promise.all([
    readDemand(db, orgId, measured, options.now),
    readPeakDailyUsers(db, orgId, { from: options.ninetyDaysAgo, to: options.today }),
  ]);
  const advice = new Map<string, SeatRecommendation & { demand?: Demand; peakDailyUsers?: number }>();
  for (const subscription of subscriptions) {
    const pool = demand.get(subscription.id);
    if (pool && subscription.kind === 'floating') {
      advice.set(subscription.id, { ...floatingRecommendation(subscription, pool), demand: pool });
    } else {
      const peakDailyUsers = peaks.get(subscription.product_key) ?? 0;
      const named = namedRecommendation(subscription, peakDailyUsers);
      advice.set(subscription.id, { ...named, peakDailyUsers, ...(pool ? { demand: pool } : {}) });
    }
  }
  return advice;
}

/**
 * Peak seats in use against seats owned, per subscription: over the range (hours of the range's local
 * days, up to the current hour), per local day for the chart, and the renewal advice. Bounded work: at
 * most 365 days plus the range of hours per subscription, read as recorded hours (one row per hour with
 * a change), the turned-away people counted in SQL.
 */
export async function buildDemandReport(
  db: Db,
  orgId: string,
  range: ReportRange,
  options: { now: number; today: string; ninetyDaysAgo: string; product?: string | undefined },
) {
  const subscriptions = (await listSubscriptions(db, orgId)).filter(
    (row) => options.product === undefined || row.product_key === options.product,
  );
  const nowHourEnd = floorHour(options.now) + HOUR_MS;
  const fromHour = floorHour(range.fromMs);
  const toHour = Math.max(fromHour, Math.min(Math.ceil(range.toMs / HOUR_MS) * HOUR_MS, nowHourEnd));
  const [peaks, advice, turnedAway, turnedAwayByHour] = await Promise.all([
    hourlyPeaksOf(db, orgId, subscriptions, { fromHour, toHour }),
    recommendRenewals(db, orgId, subscriptions, { ...options, demandOfNamed: true }),
    countTurnedAwayUsers(db, orgId, { from: range.fromMs, to: range.toMs, now: options.now }),
    countTurnedAwayByHour(db, orgId, { from: range.fromMs, to: range.toMs, now: options.now }),
  ]);
  const rows = [];
  const series = [];
  for (const subscription of subscriptions) {
    const hours = peaks.get(subscription.id) ?? [];
    const turned = turnedAwayByHour.get(subscription.id) ?? new Map<number, number>();
    const days = new Map<string, { peak: number; seats: number; hoursAtCapacity: number; turnedAway: number }>();
    for (const hour of hours) {
      const day = localDay(hour.hour, range.timeZone);
      const entry = days.get(day) ?? { peak: 0, seats: 0, hoursAtCapacity: 0, turnedAway: 0 };
      entry.peak = Math.max(entry.peak, hour.peak);
      entry.seats = Math.max(entry.seats, hour.seats);
      if (hour.peak >= hour.seats) entry.hoursAtCapacity++;
      // People turned away per hour, summed: the day's count of refusals of distinct people per hour.
      entry.turnedAway += turned.get(hour.hour) ?? 0;
      days.set(day, entry);
    }
    for (const [day, entry] of days) {
      if (day < range.from || day > range.to) continue;
      series.push({ subscriptionId: subscription.id, day, ...entry });
    }
    const recommendation = advice.get(subscription.id);
    const demand = recommendation?.demand;
    rows.push({
      subscriptionId: subscription.id,
      app: subscription.product_key,
      appName: subscription.product_name,
      kind: subscription.kind,
      seats: subscription.seats,
      inUseNow: subscription.leased,
      peakInUse: hours.reduce((peak, hour) => Math.max(peak, hour.peak), 0),
      hoursAtCapacity: hours.filter((hour) => hour.peak >= hour.seats).length,
      turnedAwayUsers: turnedAway.get(subscription.id) ?? 0,
      p95InUse30d: demand?.p95.days30 ?? 0,
      p95InUse90d: demand?.p95.days90 ?? 0,
      p95InUse365d: demand?.p95.days365 ?? 0,
      p95Demand90d: subscription.kind === 'floating' ? (demand?.p95Demand90d ?? 0) : null,
      recommendedSeats: recommendation?.seats ?? subscription.seats,
      change: recommendation?.change ?? 0,
      recommendation: recommendation?.text ?? '',
    });
  }
  return { rows, series };
}
