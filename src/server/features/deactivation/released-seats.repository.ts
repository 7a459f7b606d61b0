import type { Db } from '../../db/database.ts';

/** Remembers that deactivating this user freed their seat of this subscription (reactivation offers it back). */
export async function insertReleasedSeat(
  db: Db,
  input: { orgId: string; userId: string; subscriptionId: string; now: number },
): Promise<void> {
  await db
    .insertInto('released_seats')
    .values({
      org_id: input.orgId,
      user_id: input.userId,
      subscription_id: input.subscriptionId,
      released_at: input.now,
    })
    // Deactivated, reactivated without the seats, deactivated again: the latest release counts.
    .onConflict((conflict) => conflict.columns(['user_id', 'subscription_id']).doUpdateSet({ released_at: input.now }))
    .execute();
}

/** The seats deactivation freed for this user, with their subscription's product and seats now. */
export async function findReleasedSeats(db: Db, orgId: string, userId: string) {
  return db
    .selectFrom('released_seats as r')
    .innerJoin('subscriptions as s', (join) =>
      join.onRef('s.id', '=', 'r.subscription_id').onRef('s.org_id', '=', 'r.org_id'),
    )
    .innerJoin('products as p', 'p.id', 's.product_id')
    .select(['r.subscription_id', 'r.released_at', 's.seats', 's.assigned', 's.expires_at', 'p.key', 'p.name'])
    .where('r.org_id', '=', orgId)
    .where('r.user_id', '=', userId)
    .orderBy('p.name')
    .execute();
}

/** Forgets the user's released seats (reactivation has offered them, taken or not). */
export async function deleteReleasedSeats(db: Db, orgId: string, userId: string): Promise<void> {
  await db.deleteFrom('released_seats').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
}
