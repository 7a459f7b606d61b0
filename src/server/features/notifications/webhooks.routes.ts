import { Type } from 'typebox';
import { Id, IdParams } from '../../../contract/schema-helpers.ts';
import {
  CreateWebhookBody,
  NotificationStatusSchema,
  PatchWebhookBody,
  WebhookDeliveriesQuery,
  WebhookDeliveryPage,
  WebhookDeliverySchema,
  WebhookListSchema,
  WebhookWithSecretSchema,
} from '../../../contract/security.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { decodeCursor, encodeCursor } from '../../http/paging.ts';
import {
  changeWebhook,
  createWebhook,
  listWebhookDeliveries,
  listWebhooks,
  queueTestMessage,
  removeWebhook,
  retryWebhookDelivery,
  rotateWebhookSecret,
} from './manage-webhooks.ts';

const DeliveryParams = Type.Object({ id: Id, deliveryId: Id });

/** Settings → Notifications: what the server can send, and the organization's webhooks with their delivery log (owners). */
export function registerWebhookRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const tags = ['security'];
  const db = deps.database.db;

  app.get(
    '/api/v1/notifications/status',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'getNotificationStatus',
        summary: 'Whether the server can send mail (SMTP_URL) and accepts private webhook addresses',
        response: { 200: NotificationStatusSchema, ...problems(OWNER_ONLY) },
      },
    },
    async () => ({
      emailConfigured: deps.config.smtpUrl !== undefined,
      privateWebhookUrlsAllowed: deps.config.webhookAllowPrivate,
    }),
  );

  app.get(
    '/api/v1/webhooks',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'listWebhooks',
        summary: 'The organization’s webhook endpoints, with each one’s last delivery',
        response: { 200: WebhookListSchema, ...problems(OWNER_ONLY) },
      },
    },
    async (request) => listWebhooks(db, authOf(request).orgId),
  );

  app.post(
    '/api/v1/webhooks',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'createWebhook',
        summary: 'Add a webhook endpoint; answers its signing secret, shown only now',
        body: CreateWebhookBody,
        response: {
          201: WebhookWithSecretSchema,
          ...problems(OWNER_ONLY, { 400: ['webhook-url-refused'], 409: ['too-many-webhooks'] }),
        },
      },
    },
    async (request, reply) => {
      const created = await createWebhook(deps, authOf(request).orgId, request.body, auditActorOf(request));
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/v1/webhooks/:id',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'updateWebhook',
        summary: 'Change a webhook’s URL, description or whether it is enabled',
        params: IdParams,
        body: PatchWebhookBody,
        response: {
          200: Type.Ref('Webhook'),
          ...problems(OWNER_ONLY, { 400: ['webhook-url-refused'], 404: ['not-found'] }),
        },
      },
    },
    async (request) =>
      changeWebhook(deps, authOf(request).orgId, request.params.id, request.body, auditActorOf(request)),
  );

  app.delete(
    '/api/v1/webhooks/:id',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'deleteWebhook',
        summary: 'Delete a webhook endpoint and its delivery log',
        params: IdParams,
        response: { 204: Type.Null(), ...problems(OWNER_ONLY, { 404: ['not-found'] }) },
      },
    },
    async (request, reply) => {
      await removeWebhook(deps, authOf(request).orgId, request.params.id, auditActorOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/webhooks/:id/rotate-secret',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'rotateWebhookSecret',
        summary: 'A new signing secret; the previous one keeps signing beside it for 24 hours',
        params: IdParams,
        response: { 200: WebhookWithSecretSchema, ...problems(OWNER_ONLY, { 404: ['not-found'] }) },
      },
    },
    async (request) => rotateWebhookSecret(deps, authOf(request).orgId, request.params.id, auditActorOf(request)),
  );

  app.post(
    '/api/v1/webhooks/:id/test',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'testWebhook',
        summary: 'Queue a webhook.test message to the endpoint (sent within seconds, logged like any other)',
        params: IdParams,
        response: { 202: WebhookDeliverySchema, ...problems(OWNER_ONLY, { 404: ['not-found'] }) },
      },
    },
    async (request, reply) => {
      const delivery = await queueTestMessage(deps, authOf(request).orgId, request.params.id);
      return reply.code(202).send(delivery);
    },
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'listWebhookDeliveries',
        summary: 'The endpoint’s delivery log, newest first: each message’s status, attempts and last answer',
        params: IdParams,
        querystring: WebhookDeliveriesQuery,
        response: {
          200: WebhookDeliveryPage,
          ...problems(OWNER_ONLY, { 400: ['invalid-cursor'], 404: ['not-found'] }),
        },
      },
    },
    async (request) => {
      const key = decodeCursor(request.query.cursor, ['number', 'string']);
      const page = await listWebhookDeliveries(db, authOf(request).orgId, request.params.id, {
        after: key ? { at: Number(key[0]), id: String(key[1]) } : undefined,
        limit: request.query.limit,
      });
      return { items: page.items, nextCursor: page.next ? encodeCursor([page.next.at, page.next.id]) : null };
    },
  );

  app.post(
    '/api/v1/webhooks/:id/deliveries/:deliveryId/retry',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'retryWebhookDelivery',
        summary: 'Send a message again now: the same webhook-id, a new attempt',
        params: DeliveryParams,
        response: { 202: WebhookDeliverySchema, ...problems(OWNER_ONLY, { 404: ['not-found'] }) },
      },
    },
    async (request, reply) => {
      const { id, deliveryId } = request.params;
      const delivery = await retryWebhookDelivery(deps, authOf(request).orgId, id, deliveryId);
      return reply.code(202).send(delivery);
    },
  );
}
