import type { Db } from '../../db/database.ts';
import { toIso } from '../../lib/time.ts';
import type { Product } from '../products/index.ts';
import { subscriptionStatus } from '../subscriptions/index.ts';

/** A held seat as its subscription's page lists it. */
export interface Assignment {
  id: string;
  subscriptionId: string;
  product: Product;
  user: { id: string; email: string; name: string; status: 'active' | 'deactivated' };
  assignedAt: string;
  assignedBy: { id: string; name: string } | null;
  lastUsedAt: string | null;
}

/** A seat as its holder sees it (Licenses tab, My licenses). */
export interface License {
  subscriptionId: string;
  product: Product;
  assignedAt: string;
  expiresAt: string;
  subscriptionStatus: 'active' | 'cancelled' | 'expired';
  lastUsedAt: string | null;
}

export async function insertAssignment(
  db: Db,
  input: { orgId: string; subscriptionId: string; userId: string; assignedBy: string | null; now: number },
) {
  await db
    .insertInto('seat_assignments')
    .values({
      org_id: input.orgId,
      subscription_id: input.subscriptionId,
      user_id: input.userId,
      assigned_at: input.now,
      assigned_by: input.assignedBy,
      unassigned_at: null,
      unassigned_by: null,
      unassign_reason: null,
      last_used_at: null,
    })
    .execute();
}

export async function findActiveAssignment(db: Db, orgId: string, subscriptionId: string, userId: string) {
  return db
    .selectFrom('seat_assignments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('subscription_id', '=', subscriptionId)
    .where('user_id', '=', userId)
    .where('unassigned_at', 'is', null)
    .executeTakeFirst();
}

/** Ends a held seat (history keeps the row); false when the user held none there. */
export async function endAssignment(
  db: Db,
  input: { orgId: string; subscriptionId: string; userId: string; by: string | null; reason: string; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable('seat_assignments')
    .set({ unassigned_at: input.now, unassigned_by: input.by, unassign_reason: input.reason })
    .where('org_id', '=', input.orgId)
    .where('subscription_id', '=', input.subscriptionId)
    .where('user_id', '=', input.userId)
    .where('unassigned_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listAssignments(db: Db, orgId: string, subscriptionId: string): Promise<Assignment[]> {
  const rows = await db
    .selectFrom('seat_assignments as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .innerJoin('subscriptions as s', 's.id', 'a.subscription_id')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .leftJoin('users as by', 'by.id', 'a.assigned_by')
    .select([
      'a.id',
      'a.subscription_id',
      'a.assigned_at',
      'p.key as product_key',
      'p.name as product_name',
      'u.id as user_id',
      'u.email',
      'u.name',
      'u.status',
      'by.id as by_id',
      'by.name as by_name',
      'a.last_used_at',
    ])
    .where('a.org_id', '=', orgId)
    .where('a.subscription_id', '=', subscriptionId)
    .where('a.unassigned_at', 'is', null)
    .orderBy('u.name')
    .execute();
  return rows.map((row) => ({
    id: String(row.id),
    subscriptionId: row.subscription_id,
    product: { key: row.product_key, name: row.product_name },
    user: { id: row.user_id, email: row.email, name: row.name, status: row.status },
    assignedAt: toIso(row.assigned_at),
    assignedBy: row.by_id && row.by_name ? { id: row.by_id, name: row.by_name } : null,
    lastUsedAt: toIso(row.last_used_at),
  }));
}

export async function listLicensesOfUser(db: Db, orgId: string, userId: string, now: number): Promise<License[]> {
  const rows = await db
    .selectFrom('seat_assignments as a')
    .innerJoin('subscriptions as s', 's.id', 'a.subscription_id')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .select([
      'a.subscription_id',
      'a.assigned_at',
      's.expires_at',
      's.auto_renew',
      'p.key as product_key',
      'p.name as product_name',
      'a.last_used_at',
    ])
    .where('a.org_id', '=', orgId)
    .where('a.user_id', '=', userId)
    .where('a.unassigned_at', 'is', null)
    .orderBy('p.name')
    .execute();
  return rows.map((row) => ({
    subscriptionId: row.subscription_id,
    product: { key: row.product_key, name: row.product_name },
    assignedAt: toIso(row.assigned_at),
    expiresAt: toIso(row.expires_at),
    subscriptionStatus: subscriptionStatus(row, now),
    lastUsedAt: toIso(row.last_used_at),
  }));
}

/**
 * Every subscription of a product in the organization that could give this user a seat: the ones where
 * they hold a named seat, and every floating pool (any active member may lease from one). Expired ones
 * too, so that a refusal can say the seat exists but ran out. The seat rules come along (lease window,
 * device limit) and the pool's live leases, to try the least full first.
 */
export async function findSeatsForApp(db: Db, orgId: string, userId: string, productKey: string) {
  return db
    .selectFrom('subscriptions as s')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .leftJoin('seat_assignments as a', (join) =>
      join
        .onRef('a.subscription_id', '=', 's.id')
        .on('a.org_id', '=', orgId)
        .on('a.user_id', '=', userId)
        .on('a.unassigned_at', 'is', null),
    )
    .select([
      's.id as subscription_id',
      's.kind',
      's.seats',
      's.leased',
      's.expires_at',
      's.lease_window_s',
      's.device_limit',
      'a.id as assignment_id',
    ])
    .where('s.org_id', '=', orgId)
    .where('p.key', '=', productKey)
    .where((eb) => eb.or([eb('s.kind', '=', 'floating'), eb('a.id', 'is not', null)]))
    .execute();
}
