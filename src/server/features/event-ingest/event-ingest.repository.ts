import type { Db } from '../../db/database.ts';

/**
 * Claims idempotency keys for the organization: inserts each key not seen before and answers those
 * it inserted. A key another transaction claimed first is skipped (`on conflict do nothing`): on
 * PostgreSQL the insert waits for that transaction and skips once it commits, so two racing batches
 * store a key once, with no pre-check that a race could slip past. The keys are inserted sorted, so
 * concurrent claims lock them in one order (no deadlock).
 */
export async function claimIdempotencyKeys(db: Db, orgId: string, keys: string[], now: number): Promise<Set<string>> {
  const claimed = new Set<string>();
  const sorted = [...keys].sort();
  // 3 values a row: 1,000 rows stay far below SQLite's bound-parameter limit (32,766).
  for (let start = 0; start < sorted.length; start += 1000) {
    const rows = await db
      .insertInto('ingested_events')
      .values(
        sorted.slice(start, start + 1000).map((key) => ({ org_id: orgId, idempotency_key: key, ingested_at: now })),
      )
      .onConflict((conflict) => conflict.columns(['org_id', 'idempotency_key']).doNothing())
      .returning('idempotency_key')
      .execute();
    for (const row of rows) claimed.add(row.idempotency_key);
  }
  return claimed;
}

/** How many idempotency keys the organization has sent (tests and the benchmark read it). */
export async function countIngestedEvents(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('ingested_events')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
