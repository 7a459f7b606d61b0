import { randomUUID } from 'node:crypto';
import type { Webhook, WebhookDelivery } from '../../../contract/security.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { assertAcceptableWebhookUrl } from './webhook-address.ts';
import {
  findLatestDeliveries,
  findWebhookDelivery,
  findWebhookDeliveryPage,
  insertWebhookDeliveries,
  scheduleWebhookDeliveryNow,
} from './webhook-deliveries.repository.ts';
import {
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  findWebhookEndpoints,
  insertWebhookEndpoint,
  updateWebhookEndpoint,
} from './webhook-endpoints.repository.ts';
import { createWebhookSecret, newDeliveryRow, SECRET_ROTATION_OVERLAP_MS } from './webhook-message.ts';
import { toWebhook, toWebhookDelivery } from './webhook-views.ts';

/** Endpoints per organization at most: each alert is posted to every one. */
export const MAX_WEBHOOKS_PER_ORGANIZATION = 20;

async function requireEndpoint(db: Db, orgId: string, id: string) {
  const row = await findWebhookEndpoint(db, orgId, id);
  if (!row) throw notFound('Webhook');
  return row;
}

/** What the audit log keeps of an endpoint: never its secrets. */
function audited(row: { url: string; description: string; enabled: number }) {
  return { url: row.url, description: row.description, enabled: row.enabled === 1 };
}

async function recordWebhook(
  trx: Db,
  actor: AuditActor,
  change: {
    orgId: string;
    action: 'webhook.created' | 'webhook.changed' | 'webhook.deleted';
    id: string;
    url: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
  },
  now: number,
) {
  await recordAudit(
    trx,
    actor,
    {
      orgId: change.orgId,
      action: change.action,
      target: { type: 'webhook', id: change.id, label: change.url },
      before: change.before ?? null,
      after: change.after ?? null,
    },
    now,
  );
}

async function viewOf(db: Db, orgId: string, id: string): Promise<Webhook> {
  const row = await requireEndpoint(db, orgId, id);
  return toWebhook(row, (await findLatestDeliveries(db, orgId, [id])).get(id));
}

export async function listWebhooks(db: Db, orgId: string): Promise<{ items: Webhook[] }> {
  const rows = await findWebhookEndpoints(db, orgId);
  const latest = await findLatestDeliveries(
    db,
    orgId,
    rows.map((row) => row.id),
  );
  return { items: rows.map((row) => toWebhook(row, latest.get(row.id))) };
}

/** Adds an endpoint with a new secret (answered only now). */
export async function createWebhook(
  deps: AppDeps,
  orgId: string,
  input: { url: string; description?: string | undefined; enabled?: boolean | undefined },
  actor: AuditActor,
) {
  const url = await assertAcceptableWebhookUrl(input.url, deps.config.webhookAllowPrivate);
  const secret = createWebhookSecret();
  const now = deps.now();
  const id = randomUUID();
  return deps.database.db.transaction().execute(async (trx) => {
    if ((await findWebhookEndpoints(trx, orgId)).length >= MAX_WEBHOOKS_PER_ORGANIZATION) {
      throw new AppError(
        409,
        'too-many-webhooks',
        'Too many webhooks',
        `An organization can have at most ${MAX_WEBHOOKS_PER_ORGANIZATION} webhooks; delete one first.`,
      );
    }
    const row = {
      id,
      org_id: orgId,
      url,
      description: input.description?.trim() ?? '',
      enabled: input.enabled === false ? 0 : 1,
      secret,
      previous_secret: null,
      previous_secret_expires_at: null,
      created_at: now,
      updated_at: now,
    };
    await insertWebhookEndpoint(trx, row);
    await recordWebhook(trx, actor, { orgId, action: 'webhook.created', id, url, after: audited(row) }, now);
    return { webhook: await viewOf(trx, orgId, id), secret };
  });
}

export async function changeWebhook(
  deps: AppDeps,
  orgId: string,
  id: string,
  input: { url?: string | undefined; description?: string | undefined; enabled?: boolean | undefined },
  actor: AuditActor,
): Promise<Webhook> {
  const url =
    input.url === undefined ? undefined : await assertAcceptableWebhookUrl(input.url, deps.config.webhookAllowPrivate);
  return deps.database.db.transaction().execute(async (trx) => {
    const before = await requireEndpoint(trx, orgId, id);
    const now = deps.now();
    const changes = {
      ...(url === undefined ? {} : { url }),
      ...(input.description === undefined ? {} : { description: input.description.trim() }),
      ...(input.enabled === undefined ? {} : { enabled: input.enabled ? 1 : 0 }),
    };
    await updateWebhookEndpoint(trx, orgId, id, { ...changes, updated_at: now });
    const after = audited({ ...before, ...changes });
    if (JSON.stringify(after) !== JSON.stringify(audited(before))) {
      const change = { orgId, action: 'webhook.changed' as const, id, url: after.url };
      await recordWebhook(trx, actor, { ...change, before: audited(before), after }, now);
    }
    return viewOf(trx, orgId, id);
  });
}

export async function removeWebhook(deps: AppDeps, orgId: string, id: string, actor: AuditActor): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const before = await requireEndpoint(trx, orgId, id);
    if (!(await deleteWebhookEndpoint(trx, orgId, id))) throw notFound('Webhook');
    const change = { orgId, action: 'webhook.deleted' as const, id, url: before.url, before: audited(before) };
    await recordWebhook(trx, actor, change, deps.now());
  });
}

/** A new secret; the current one becomes the previous and keeps signing beside it for 24 hours. */
export async function rotateWebhookSecret(deps: AppDeps, orgId: string, id: string, actor: AuditActor) {
  const secret = createWebhookSecret();
  return deps.database.db.transaction().execute(async (trx) => {
    const row = await requireEndpoint(trx, orgId, id);
    const now = deps.now();
    await updateWebhookEndpoint(trx, orgId, id, {
      secret,
      previous_secret: row.secret,
      previous_secret_expires_at: now + SECRET_ROTATION_OVERLAP_MS,
      updated_at: now,
    });
    // That the secret changed, never the secret.
    const change = { orgId, action: 'webhook.changed' as const, id, url: row.url, after: { secret: 'rotated' } };
    await recordWebhook(trx, actor, change, now);
    return { webhook: await viewOf(trx, orgId, id), secret };
  });
}

/** Queues a `webhook.test` message to the endpoint (sent by the next tick, logged like any other). */
export async function queueTestMessage(deps: AppDeps, orgId: string, id: string): Promise<WebhookDelivery> {
  return deps.database.db.transaction().execute(async (trx) => {
    await requireEndpoint(trx, orgId, id);
    const row = newDeliveryRow({
      orgId,
      endpointId: id,
      eventType: 'webhook.test',
      data: { message: 'A test message from Seatkeeper: this endpoint receives its alerts.' },
      alertId: null,
      now: deps.now(),
    });
    await insertWebhookDeliveries(trx, [row]);
    return toWebhookDelivery(row);
  });
}

export async function listWebhookDeliveries(
  db: Db,
  orgId: string,
  id: string,
  page: { after: { at: number; id: string } | undefined; limit: number },
) {
  await requireEndpoint(db, orgId, id);
  const rows = await findWebhookDeliveryPage(db, orgId, id, page.after, page.limit);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toWebhookDelivery),
    next: rows.length > page.limit && last ? { at: last.created_at, id: last.id } : null,
  };
}

/** "Send again": the same message (same webhook-id) attempted by the next tick, whatever its status. */
export async function retryWebhookDelivery(
  deps: AppDeps,
  orgId: string,
  id: string,
  deliveryId: string,
): Promise<WebhookDelivery> {
  return deps.database.db.transaction().execute(async (trx) => {
    await requireEndpoint(trx, orgId, id);
    if (!(await findWebhookDelivery(trx, orgId, id, deliveryId))) throw notFound('Delivery');
    await scheduleWebhookDeliveryNow(trx, orgId, deliveryId, deps.now());
    const row = await findWebhookDelivery(trx, orgId, id, deliveryId);
    if (!row) throw notFound('Delivery');
    return toWebhookDelivery(row);
  });
}
