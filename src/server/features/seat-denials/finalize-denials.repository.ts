import type { Db } from '../../db/database.ts';
import type { SeatDenialReason } from '../../db/schema.ts';

/** A denial the job turned into a real one ('gave_up'). */
export interface GaveUpDenial {
  id: number;
  subscriptionId: string | null;
  productKey: string;
  userId: string;
  reason: SeatDenialReason;
  deniedAt: number;
}

/** Organizations with a pending denial older than `cutoff` (along the partial index of pending denials). */
export async function findOrgsWithStaleDenials(db: Db, cutoff: number): Promise<string[]> {
  const rows = await db
    .selectFrom('seat_denials')
    .select('org_id')
    .distinct()
    .where('outcome', '=', 'pending')
    .where('denied_at', '<', cutoff)
    .execute();
  return rows.map((row) => row.org_id);
}

/**
 * Pending denials of the organization older than `cutoff` become 'gave_up' in one conditional UPDATE:
 * of two runners (or a retry settling it at the same moment) one changes each row, and only its
 * RETURNING names it, so each denial is counted once. Answers the rows this call changed.
 */
export async function markStaleDenialsGaveUp(
  db: Db,
  input: { orgId: string; cutoff: number; now: number },
): Promise<GaveUpDenial[]> {
  const rows = await db
    .updateTable('seat_denials')
    .set({ outcome: 'gave_up', resolved_at: input.now })
    .where('org_id', '=', input.orgId)
    .where('outcome', '=', 'pending')
    .where('denied_at', '<', input.cutoff)
    .returning(['id', 'subscription_id', 'product_key', 'user_id', 'reason', 'denied_at'])
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    subscriptionId: row.subscription_id,
    productKey: row.product_key,
    userId: row.user_id,
    reason: row.reason,
    deniedAt: Number(row.denied_at),
  }));
}

/**
 * The real denials of one subscription (or, when `subscriptionId` is null, of a product without one)
 * in [from, to): how many people, and how many denials per reason.
 */
export async function countGaveUpDenials(
  db: Db,
  input: { orgId: string; subscriptionId: string | null; productKey: string; from: number; to: number },
): Promise<{ people: number; byReason: Partial<Record<SeatDenialReason, number>> }> {
  let query = db
    .selectFrom('seat_denials')
    .where('org_id', '=', input.orgId)
    .where('outcome', '=', 'gave_up')
    .where('denied_at', '>=', input.from)
    .where('denied_at', '<', input.to);
  query =
    input.subscriptionId === null
      ? query.where('subscription_id', 'is', null).where('product_key', '=', input.productKey)
      : query.where('subscription_id', '=', input.subscriptionId);
  const people = await query.select((eb) => eb.fn.count<number>('user_id').distinct().as('people')).executeTakeFirst();
  const reasons = await query
    .select((eb) => ['reason', eb.fn.countAll<number>().as('count')])
    .groupBy('reason')
    .execute();
  const byReason: Partial<Record<SeatDenialReason, number>> = {};
  for (const row of reasons) byReason[row.reason] = Number(row.count);
  return { people: Number(people?.people ?? 0), byReason };
}
