import type { Db } from '../../db/database.ts';
import type { AlertDigestItemRow } from '../../db/schema.ts';

export async function insertDigestItems(db: Db, rows: AlertDigestItemRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('alert_digest_items')
    .values(rows)
    .onConflict((conflict) => conflict.column('alert_id').doNothing())
    .execute();
}

/** Organizations with alerts waiting for a digest (bounded: the next tick takes the rest). */
export async function findOrganizationsWithPendingDigest(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('alert_digest_items')
    .select('org_id')
    .where('emailed_at', 'is', null)
    .groupBy('org_id')
    .orderBy('org_id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.org_id);
}

/**
 * Takes the organization's digest slot: true (and last_sent_at = now) when no digest went out in the
 * last `windowMs`. The conditional write is the rate limit and the claim at once: of two processes,
 * one gets the slot.
 */
export async function claimDigestSlot(db: Db, orgId: string, now: number, windowMs: number): Promise<boolean> {
  const inserted = await db
    .insertInto('alert_digest_state')
    .values({ org_id: orgId, last_sent_at: now })
    .onConflict((conflict) => conflict.column('org_id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
  const updated = await db
    .updateTable('alert_digest_state')
    .set({ last_sent_at: now })
    .where('org_id', '=', orgId)
    .where('last_sent_at', '<=', now - windowMs)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** The alerts waiting for the organization's digest, oldest first (ids only: alerts describes them). */
export async function findPendingDigestItems(db: Db, orgId: string): Promise<AlertDigestItemRow[]> {
  return db
    .selectFrom('alert_digest_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('emailed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('alert_id')
    .execute();
}

export async function markDigestItemsEmailed(db: Db, orgId: string, alertIds: string[], now: number): Promise<void> {
  for (let start = 0; start < alertIds.length; start += 500) {
    await db
      .updateTable('alert_digest_items')
      .set({ emailed_at: now })
      .where('org_id', '=', orgId)
      .where('alert_id', 'in', alertIds.slice(start, start + 500))
      .execute();
  }
}
