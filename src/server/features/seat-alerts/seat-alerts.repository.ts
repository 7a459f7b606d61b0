import type { AlertStatus } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import type { SubscriptionKind } from '../../db/schema.ts';

/**
 * The status of each seat alert already opened under one of `subjectKeys`, any status: a resolved one
 * keeps its subject (only its dedupe key is freed), so "once a day" survives an owner resolving it.
 */
export async function findSeatAlertStatuses(
  db: Db,
  orgId: string,
  type: 'seat_pressure' | 'seat_denied',
  subjectKeys: string[],
): Promise<Map<string, AlertStatus>> {
  if (subjectKeys.length === 0) return new Map();
  const rows = await db
    .selectFrom('alerts')
    .select(['subject_key', 'status'])
    .where('org_id', '=', orgId)
    .where('type', '=', type)
    .where('subject_key', 'in', subjectKeys)
    .execute();
  const statuses = new Map<string, AlertStatus>();
  // An unresolved alert of the subject wins over a resolved one (reopened or not).
  for (const row of rows) if (statuses.get(row.subject_key) !== 'open') statuses.set(row.subject_key, row.status);
  return statuses;
}

/** One floating pool's seats in use in one UTC hour, with what an alert names. */
export interface PoolFill {
  orgId: string;
  timeZone: string;
  subscriptionId: string;
  productKey: string;
  productName: string;
  /** Start of the UTC hour (ms). */
  hour: number;
  peak: number;
  seats: number;
}

/**
 * The hourly seats in use of every floating pool from the hour starting `sinceHour` on (all
 * organizations: the minute job's scan). Led by the few floating subscriptions, each joined on the
 * primary key (subscription_id, hour) of seat_usage_hours.
 */
export async function findPoolFills(db: Db, sinceHour: number): Promise<PoolFill[]> {
  const rows = await db
    .selectFrom('subscriptions as s')
    .innerJoin('seat_usage_hours as h', (join) =>
      join.onRef('h.subscription_id', '=', 's.id').onRef('h.org_id', '=', 's.org_id').on('h.hour', '>=', sinceHour),
    )
    .innerJoin('products as p', 'p.id', 's.product_id')
    .innerJoin('organizations as o', 'o.id', 's.org_id')
    .select(['s.org_id', 'o.time_zone', 's.id', 'p.key', 'p.name', 'h.hour', 'h.peak', 'h.seats'])
    .where('s.kind', '=', 'floating')
    .execute();
  return rows.map((row) => ({
    orgId: row.org_id,
    timeZone: row.time_zone,
    subscriptionId: row.id,
    productKey: row.key,
    productName: row.name,
    hour: Number(row.hour),
    peak: Number(row.peak),
    seats: Number(row.seats),
  }));
}

/** What a denial alert says of the subscription the people were turned away from. */
export interface DeniedSubject {
  productName: string;
  kind: SubscriptionKind | null;
  seats: number | null;
  deviceLimit: number | null;
}

export async function findDeniedSubject(
  db: Db,
  orgId: string,
  subject: { subscriptionId: string | null; productKey: string },
): Promise<DeniedSubject> {
  if (subject.subscriptionId !== null) {
    const row = await db
      .selectFrom('subscriptions as s')
      .innerJoin('products as p', 'p.id', 's.product_id')
      .select(['p.name', 's.kind', 's.seats', 's.device_limit'])
      .where('s.org_id', '=', orgId)
      .where('s.id', '=', subject.subscriptionId)
      .executeTakeFirst();
    if (row) {
      return { productName: row.name, kind: row.kind, seats: Number(row.seats), deviceLimit: Number(row.device_limit) };
    }
  }
  const product = await db
    .selectFrom('products')
    .select('name')
    .where('key', '=', subject.productKey)
    .executeTakeFirst();
  return { productName: product?.name ?? subject.productKey, kind: null, seats: null, deviceLimit: null };
}
