import type { Db } from '../../db/database.ts';
import type { WebhookEndpointRow } from '../../db/schema.ts';

export async function insertWebhookEndpoint(db: Db, row: WebhookEndpointRow): Promise<void> {
  await db.insertInto('webhook_endpoints').values(row).execute();
}

export async function findWebhookEndpoint(db: Db, orgId: string, id: string): Promise<WebhookEndpointRow | undefined> {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The organization's endpoints, oldest first (an organization has a handful). */
export async function findWebhookEndpoints(
  db: Db,
  orgId: string,
  options: { enabledOnly?: boolean } = {},
): Promise<WebhookEndpointRow[]> {
  let query = db.selectFrom('webhook_endpoints').selectAll().where('org_id', '=', orgId);
  if (options.enabledOnly) query = query.where('enabled', '=', 1);
  return query.orderBy('created_at').orderBy('id').execute();
}

export async function updateWebhookEndpoint(
  db: Db,
  orgId: string,
  id: string,
  patch: Partial<Omit<WebhookEndpointRow, 'id' | 'org_id' | 'created_at'>> & { updated_at: number },
): Promise<void> {
  await db.updateTable('webhook_endpoints').set(patch).where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** Deletes an endpoint with its deliveries (the foreign key cascades). */
export async function deleteWebhookEndpoint(db: Db, orgId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('webhook_endpoints')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
