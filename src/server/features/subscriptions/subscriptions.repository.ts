import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SubscriptionRow } from '../../db/schema.ts';

export type SubscriptionWithProduct = SubscriptionRow & { product_key: string; product_name: string };

function selectSubscriptions(db: Db, orgId: string) {
  return db
    .selectFrom('subscriptions')
    .innerJoin('products', 'products.id', 'subscriptions.product_id')
    .selectAll('subscriptions')
    .select(['products.key as product_key', 'products.name as product_name'])
    .where('subscriptions.org_id', '=', orgId);
}

/** What a new subscription starts with unless told otherwise (docs/floating-seats.md). */
export const SUBSCRIPTION_DEFAULTS = {
  kind: 'named',
  lease_window_s: 600,
  device_limit: 2,
  max_borrow_days: 14,
  min_pool_seats: 0,
  reclaim_after_days: null,
} as const satisfies Partial<SubscriptionRow>;

type SeatSettings = keyof typeof SUBSCRIPTION_DEFAULTS;
export type NewSubscription = Omit<
  SubscriptionRow,
  'id' | 'assigned' | 'leased' | 'borrowed' | 'created_at' | 'updated_at' | SeatSettings
> &
  Partial<Pick<SubscriptionRow, SeatSettings>> & { now: number };

export async function insertSubscription(db: Db, input: NewSubscription): Promise<SubscriptionRow> {
  const { now, ...fields } = input;
  const row: SubscriptionRow = {
    ...SUBSCRIPTION_DEFAULTS,
    ...fields,
    id: randomUUID(),
    assigned: 0,
    leased: 0,
    borrowed: 0,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('subscriptions').values(row).execute();
  return row;
}

export async function findSubscription(db: Db, orgId: string, id: string) {
  return selectSubscriptions(db, orgId).where('subscriptions.id', '=', id).executeTakeFirst();
}

/** Without an organization: only the operator CLI may look a subscription up by id alone. */
export async function findSubscriptionForOperator(db: Db, id: string) {
  return db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSubscriptions(db: Db, orgId: string): Promise<SubscriptionWithProduct[]> {
  return selectSubscriptions(db, orgId).orderBy('products.name').orderBy('subscriptions.expires_at').execute();
}

/**
 * Takes one seat if one is free: a single conditional UPDATE, atomic on both databases,
 * so parallel requests for the last seat cannot both succeed. False when none is free.
 */
export async function reserveSeat(db: Db, orgId: string, subscriptionId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('subscriptions')
    .set({ assigned: sql`assigned + 1`, updated_at: now })
    .where('org_id', '=', orgId)
    .where('id', '=', subscriptionId)
    // A floating pool is never assigned (its callers refuse it first with 409 floating-subscription).
    .where('kind', '=', 'named')
    .where(sql<boolean>`assigned < seats`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseSeat(db: Db, orgId: string, subscriptionId: string, now: number): Promise<void> {
  await db
    .updateTable('subscriptions')
    .set({ assigned: sql`assigned - 1`, updated_at: now })
    .where('org_id', '=', orgId)
    .where('id', '=', subscriptionId)
    .where('assigned', '>', 0)
    .execute();
}

export async function updateSubscription(
  db: Db,
  orgId: string,
  id: string,
  changes: Partial<
    Pick<
      SubscriptionRow,
      | 'auto_renew'
      | 'expires_at'
      | 'seats'
      | 'lease_window_s'
      | 'device_limit'
      | 'max_borrow_days'
      | 'min_pool_seats'
      | 'reclaim_after_days'
    >
  > & { updated_at: number },
): Promise<void> {
  await db.updateTable('subscriptions').set(changes).where('org_id', '=', orgId).where('id', '=', id).execute();
}
