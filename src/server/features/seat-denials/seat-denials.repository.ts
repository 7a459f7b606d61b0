import type { Db } from '../../db/database.ts';
import type { SeatDenialRow } from '../../db/schema.ts';

export type NewSeatDenial = Omit<SeatDenialRow, 'id' | 'outcome' | 'resolved_at'>;

export async function insertSeatDenial(db: Db, row: NewSeatDenial): Promise<number> {
  const inserted = await db
    .insertInto('seat_denials')
    .values({ ...row, outcome: 'pending', resolved_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/** The user's pending denials of a product since `since` got a seat on a retry; answers how many. */
export async function markDenialsSeatedOnRetry(
  db: Db,
  input: { orgId: string; userId: string; productKey: string; since: number; now: number },
): Promise<number> {
  const result = await db
    .updateTable('seat_denials')
    .set({ outcome: 'seat_on_retry', resolved_at: input.now })
    .where('org_id', '=', input.orgId)
    .where('user_id', '=', input.userId)
    .where('product_key', '=', input.productKey)
    .where('outcome', '=', 'pending')
    .where('denied_at', '>=', input.since)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
