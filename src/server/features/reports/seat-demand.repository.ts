import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { HOUR_MS } from '../../lib/time.ts';
import { DENIAL_RETRY_WINDOW_MS } from '../seat-denials/index.ts';
import type { UsageHour } from './seat-demand.ts';

/** Denials that mean "wanted a seat and there was none": more seats would have helped. */
export const SHORTAGE_REASONS = ['pool_full', 'no_seat'] as const;

/**
 * A denial is real (the person was turned away) once the app gave up, or once it has waited longer than
 * the retry window without getting a seat (the minute job may not have marked it yet).
 */
export function realDenial(now: number) {
  return sql<boolean>`(outcome = 'gave_up' or (outcome = 'pending' and denied_at < ${now - DENIAL_RETRY_WINDOW_MS}))`;
}

/** The hour a denial fell in (UTC, ms). A literal divisor: PostgreSQL groups by the same expression. */
const deniedHour = sql<number>`denied_at - (denied_at % ${sql.lit(HOUR_MS)})`;

/** Recorded hours of seats in use in [fromHour, toHour), per subscription, oldest first. */
export async function findUsageHours(
  db: Db,
  orgId: string,
  subscriptionIds: string[],
  range: { fromHour: number; toHour: number },
): Promise<Map<string, UsageHour[]>> {
  const bySubscription = new Map<string, UsageHour[]>(subscriptionIds.map((id) => [id, []]));
  if (subscriptionIds.length === 0) return bySubscription;
  const rows = await db
    .selectFrom('seat_usage_hours')
    .select(['subscription_id', 'hour', 'peak', 'last', 'seats'])
    .where('org_id', '=', orgId)
    .where('subscription_id', 'in', subscriptionIds)
    .where('hour', '>=', range.fromHour)
    .where('hour', '<', range.toHour)
    .orderBy('subscription_id')
    .orderBy('hour')
    .execute();
  for (const row of rows) {
    bySubscription.get(row.subscription_id)?.push({
      hour: Number(row.hour),
      peak: Number(row.peak),
      last: Number(row.last),
      seats: Number(row.seats),
    });
  }
  return bySubscription;
}

/** The last recorded hour before `hour` of one subscription: the level an hour range starts at. */
export async function findUsageHourBefore(
  db: Db,
  orgId: string,
  subscriptionId: string,
  hour: number,
): Promise<UsageHour | undefined> {
  const row = await db
    .selectFrom('seat_usage_hours')
    .select(['hour', 'peak', 'last', 'seats'])
    .where('org_id', '=', orgId)
    .where('subscription_id', '=', subscriptionId)
    .where('hour', '<', hour)
    .orderBy('hour', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { hour: Number(row.hour), peak: Number(row.peak), last: Number(row.last), seats: Number(row.seats) };
}

/** The first recorded hour of each subscription: where its history of seats in use begins. */
export async function findFirstUsageHours(db: Db, orgId: string, subscriptionIds: string[]) {
  if (subscriptionIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('seat_usage_hours')
    .select(['subscription_id', (eb) => eb.fn.min('hour').as('first')])
    .where('org_id', '=', orgId)
    .where('subscription_id', 'in', subscriptionIds)
    .groupBy('subscription_id')
    .execute();
  return new Map(rows.map((row) => [row.subscription_id, Number(row.first)]));
}

/** Distinct people turned away for want of a seat, per subscription and UTC hour of [from, to) (ms). */
export async function countTurnedAwayByHour(db: Db, orgId: string, range: { from: number; to: number; now: number }) {
  const rows = await db
    .selectFrom('seat_denials')
    .select(['subscription_id', deniedHour.as('hour'), (eb) => eb.fn.count<number>('user_id').distinct().as('users')])
    .where('org_id', '=', orgId)
    .where('subscription_id', 'is not', null)
    .where('reason', 'in', [...SHORTAGE_REASONS])
    .where('denied_at', '>=', range.from)
    .where('denied_at', '<', range.to)
    .where(realDenial(range.now))
    .groupBy(['subscription_id', deniedHour])
    .execute();
  const bySubscription = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const id = row.subscription_id as string;
    const hours = bySubscription.get(id) ?? new Map<number, number>();
    hours.set(Number(row.hour), Number(row.users));
    bySubscription.set(id, hours);
  }
  return bySubscription;
}

/** Distinct people turned away for want of a seat in [from, to) (ms), per subscription. */
export async function countTurnedAwayUsers(db: Db, orgId: string, range: { from: number; to: number; now: number }) {
  const rows = await db
    .selectFrom('seat_denials')
    .select(['subscription_id', (eb) => eb.fn.count<number>('user_id').distinct().as('users')])
    .where('org_id', '=', orgId)
    .where('subscription_id', 'is not', null)
    .where('reason', 'in', [...SHORTAGE_REASONS])
    .where('denied_at', '>=', range.from)
    .where('denied_at', '<', range.to)
    .where(realDenial(range.now))
    .groupBy('subscription_id')
    .execute();
  return new Map(rows.map((row) => [row.subscription_id as string, Number(row.users)]));
}
