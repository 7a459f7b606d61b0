import type { Db } from '../../db/database.ts';

/** What a borrowing needs of the lease's subscription, product and user, within the organization. */
export async function findBorrowContext(db: Db, orgId: string, subscriptionId: string, userId: string) {
  return db
    .selectFrom('subscriptions as s')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .innerJoin('users as u', (join) => join.on('u.org_id', '=', orgId).on('u.id', '=', userId))
    .select([
      's.kind',
      's.max_borrow_days',
      's.min_pool_seats',
      's.expires_at',
      'p.key as product_key',
      'p.name as product_name',
      'u.email',
    ])
    .where('s.org_id', '=', orgId)
    .where('s.id', '=', subscriptionId)
    .executeTakeFirst();
}

/** A lease by id within its organization, live or released (a borrowing's status outlives it). */
export async function findLease(db: Db, orgId: string, id: number) {
  return db.selectFrom('seat_leases').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}
