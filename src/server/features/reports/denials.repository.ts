import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { HOUR_MS } from '../../lib/time.ts';
import { realDenial } from './seat-demand.repository.ts';

interface DenialFilter {
  orgId: string;
  /** [from, to) in ms. */
  from: number;
  to: number;
  now: number;
  product?: string | undefined;
}

function denialsIn(db: Db, filter: DenialFilter) {
  let query = db
    .selectFrom('seat_denials')
    .where('seat_denials.org_id', '=', filter.orgId)
    .where('seat_denials.denied_at', '>=', filter.from)
    .where('seat_denials.denied_at', '<', filter.to);
  if (filter.product !== undefined) query = query.where('seat_denials.product_key', '=', filter.product);
  return query;
}

const countWhen = (condition: ReturnType<typeof sql>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

/** Denials per product and subscription: by reason, real or seated on a retry, distinct turned-away people. */
export async function countDenialsBySubscription(db: Db, filter: DenialFilter) {
  const real = realDenial(filter.now);
  const rows = await denialsIn(db, filter)
    .select([
      'product_key',
      'subscription_id',
      (eb) => eb.fn.countAll<number>().as('total'),
      countWhen(sql`reason = 'pool_full'`).as('pool_full'),
      countWhen(sql`reason = 'no_seat'`).as('no_seat'),
      countWhen(sql`reason = 'device_limit'`).as('device_limit'),
      countWhen(sql`reason = 'subscription_expired'`).as('subscription_expired'),
      countWhen(real).as('real'),
      countWhen(sql`outcome = 'seat_on_retry'`).as('seat_on_retry'),
      sql<number>`count(distinct case when ${real} then user_id end)`.as('turned_away_users'),
      (eb) => eb.fn.count<number>('user_id').distinct().as('users'),
    ])
    .groupBy(['product_key', 'subscription_id'])
    .orderBy('product_key')
    .execute();
  return rows.map((row) => ({
    productKey: row.product_key,
    subscriptionId: row.subscription_id,
    total: Number(row.total),
    poolFull: Number(row.pool_full),
    noSeat: Number(row.no_seat),
    deviceLimit: Number(row.device_limit),
    subscriptionExpired: Number(row.subscription_expired),
    real: Number(row.real),
    seatOnRetry: Number(row.seat_on_retry),
    turnedAwayUsers: Number(row.turned_away_users),
    users: Number(row.users),
  }));
}

/**
 * Denials per UTC hour and reason (at most 24 × days × 4 rows): the report folds the hours into the
 * organization's days. A literal divisor, so PostgreSQL sees one expression in SELECT and GROUP BY.
 */
export async function countDenialsByHour(db: Db, filter: DenialFilter) {
  const hour = sql<number>`denied_at - (denied_at % ${sql.lit(HOUR_MS)})`;
  const rows = await denialsIn(db, filter)
    .select([hour.as('hour'), 'reason', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy([hour, 'reason'])
    .execute();
  return rows.map((row) => ({ hour: Number(row.hour), reason: row.reason, count: Number(row.count) }));
}

/** The people turned away most: real denials first, then all denials, then the latest; `limit` of them. */
export async function findMostDeniedUsers(db: Db, filter: DenialFilter, limit: number) {
  const real = realDenial(filter.now);
  const rows = await denialsIn(db, filter)
    .innerJoin('users', (join) =>
      join.onRef('users.id', '=', 'seat_denials.user_id').on('users.org_id', '=', filter.orgId),
    )
    .select([
      'seat_denials.user_id',
      'users.name',
      'users.email',
      (eb) => eb.fn.countAll<number>().as('total'),
      countWhen(real).as('real'),
      countWhen(sql`outcome = 'seat_on_retry'`).as('seat_on_retry'),
      (eb) => eb.fn.max('seat_denials.denied_at').as('last_denied_at'),
    ])
    .groupBy(['seat_denials.user_id', 'users.name', 'users.email'])
    .orderBy('real', 'desc')
    .orderBy('total', 'desc')
    .orderBy('last_denied_at', 'desc')
    .orderBy('seat_denials.user_id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    userId: row.user_id,
    name: row.name,
    email: row.email,
    total: Number(row.total),
    real: Number(row.real),
    seatOnRetry: Number(row.seat_on_retry),
    lastDeniedAt: Number(row.last_denied_at),
  }));
}
