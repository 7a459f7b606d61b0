import type { HeldSeat } from '../../../contract/users.ts';
import type { Db } from '../../db/database.ts';

/**
 * Reads of the seats users hold, for the pages and batches that show or act on many users at once
 * (the users list's licences column, the export, the bulk actions, deactivation). Seats are the
 * licenses feature's tables and only it writes them; reading them here keeps one query per page.
 */

/** The seats each of these users holds now, by product name; users holding none are absent. */
export async function findSeatsHeldBy(
  db: Db,
  orgId: string,
  userIds: readonly string[],
  now: number,
): Promise<Map<string, HeldSeat[]>> {
  const seats = new Map<string, HeldSeat[]>();
  if (userIds.length === 0) return seats;
  const rows = await db
    .selectFrom('seat_assignments as a')
    .innerJoin('subscriptions as s', (join) =>
      join.onRef('s.id', '=', 'a.subscription_id').onRef('s.org_id', '=', 'a.org_id'),
    )
    .innerJoin('products as p', 'p.id', 's.product_id')
    .select(['a.user_id', 'a.subscription_id', 's.expires_at', 'p.key', 'p.name'])
    .where('a.org_id', '=', orgId)
    .where('a.user_id', 'in', [...userIds])
    .where('a.unassigned_at', 'is', null)
    .orderBy('p.name')
    .orderBy('s.expires_at')
    .execute();
  for (const row of rows) {
    const held = seats.get(row.user_id) ?? [];
    held.push({
      subscriptionId: row.subscription_id,
      product: { key: row.key, name: row.name },
      expired: row.expires_at <= now,
    });
    seats.set(row.user_id, held);
  }
  return seats;
}

/** The subscriptions in which a user holds a seat now. */
export async function findHeldSubscriptionIds(db: Db, orgId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('seat_assignments')
    .select('subscription_id')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('unassigned_at', 'is', null)
    .execute();
  return rows.map((row) => row.subscription_id);
}

/** Which of these users hold a seat of this subscription now. */
export async function findHoldersAmong(
  db: Db,
  orgId: string,
  subscriptionId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('seat_assignments')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('subscription_id', '=', subscriptionId)
    .where('user_id', 'in', [...userIds])
    .where('unassigned_at', 'is', null)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}
