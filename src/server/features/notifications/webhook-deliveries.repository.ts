import type { Db } from '../../db/database.ts';
import type { WebhookDeliveryRow } from '../../db/schema.ts';

export async function insertWebhookDeliveries(db: Db, rows: WebhookDeliveryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('webhook_deliveries').values(rows).execute();
}

export async function findWebhookDelivery(
  db: Db,
  orgId: string,
  endpointId: string,
  id: string,
): Promise<WebhookDeliveryRow | undefined> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('endpoint_id', '=', endpointId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** One page of an endpoint's deliveries, newest first, keyset on (created_at, id). */
export async function findWebhookDeliveryPage(
  db: Db,
  orgId: string,
  endpointId: string,
  after: { at: number; id: string } | undefined,
  limit: number,
): Promise<WebhookDeliveryRow[]> {
  let query = db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('endpoint_id', '=', endpointId);
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)])]),
    );
  }
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** The latest delivery of each endpoint given (the list's "last delivery" column). */
export async function findLatestDeliveries(
  db: Db,
  orgId: string,
  endpointIds: string[],
): Promise<Map<string, WebhookDeliveryRow>> {
  const latest = new Map<string, WebhookDeliveryRow>();
  for (const endpointId of endpointIds) {
    const row = await db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('endpoint_id', '=', endpointId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row) latest.set(endpointId, row);
  }
  return latest;
}

/**
 * Deliveries due for an attempt, across organizations (the sender works for every one), oldest
 * due first, with their endpoint; rows another process holds (claimed_until in the future) are skipped.
 */
export async function findDueWebhookDeliveries(db: Db, now: number, limit: number) {
  return (
    db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', (join) =>
        join.onRef('e.id', '=', 'd.endpoint_id').onRef('e.org_id', '=', 'd.org_id'),
      )
      .select([
        'd.id',
        'd.org_id',
        'd.message_id',
        'd.payload',
        'd.attempts',
        'e.url',
        'e.secret',
        'e.previous_secret',
        'e.previous_secret_expires_at',
      ])
      .where('d.status', '=', 'pending')
      // A disabled endpoint gets nothing; its pending messages wait until it is enabled again.
      .where('e.enabled', '=', 1)
      .where('d.next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('d.claimed_until', 'is', null), eb('d.claimed_until', '<=', now)]))
      .orderBy('d.next_attempt_at')
      .limit(limit)
      .execute()
  );
}
export type DueWebhookDelivery = Awaited<ReturnType<typeof findDueWebhookDeliveries>>[number];

/**
 * Takes a due delivery until `until` (ms); false when another process took it first, or took it, failed
 * and put it off since this process read it as due (still due: else it would be attempted again at once).
 */
export async function claimWebhookDelivery(db: Db, id: string, now: number, until: number): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ claimed_until: until })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The outcome of one attempt, and the claim released. */
export async function recordWebhookAttempt(
  db: Db,
  id: string,
  outcome: Pick<
    WebhookDeliveryRow,
    'status' | 'attempts' | 'next_attempt_at' | 'last_attempt_at' | 'last_status_code' | 'last_error' | 'delivered_at'
  >,
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ ...outcome, claimed_until: null })
    .where('id', '=', id)
    .execute();
}

/** "Send again": the same message due now, whatever its status. */
export async function scheduleWebhookDeliveryNow(db: Db, orgId: string, id: string, now: number): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: now })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}
