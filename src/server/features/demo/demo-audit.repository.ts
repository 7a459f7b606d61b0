import type { Db } from '../../db/database.ts';

/** The demo organization's people and seats as seeded, for the audit history that would have made them. */
export async function findSeededPeople(db: Db, orgId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'created_at', 'deactivated_at', 'deactivation_reason', 'deactivation_note'])
    .where('org_id', '=', orgId)
    .orderBy('created_at')
    .execute();
}

export async function findSeededAssignments(db: Db, orgId: string) {
  return db
    .selectFrom('seat_assignments')
    .innerJoin('subscriptions', 'subscriptions.id', 'seat_assignments.subscription_id')
    .innerJoin('products', 'products.id', 'subscriptions.product_id')
    .innerJoin('users', 'users.id', 'seat_assignments.user_id')
    .select([
      'seat_assignments.subscription_id',
      'seat_assignments.user_id',
      'seat_assignments.assigned_at',
      'seat_assignments.unassigned_at',
      'seat_assignments.unassign_reason',
      'products.key as product',
      'users.email',
    ])
    .where('seat_assignments.org_id', '=', orgId)
    .execute();
}

/** The owner's latest console sign-in before `at`: where the demo's owner acted from. */
export async function findOwnerSignInBefore(db: Db, orgId: string, userId: string, at: number) {
  return db
    .selectFrom('sign_in_attempts')
    .select(['ip', 'user_agent'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('outcome', '=', 'success')
    .where('client', '=', 'console')
    .where('occurred_at', '<=', at)
    .orderBy('occurred_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
