import type { Static } from 'typebox';
import type {
  NotificationStatusSchema,
  PatchSecuritySettingsBody,
  SecuritySettings,
  Webhook,
  WebhookDelivery,
} from '../../../contract/security';
import { api, toQueryString } from '../../lib/api';

export type NotificationStatus = Static<typeof NotificationStatusSchema>;
export interface WebhookWithSecret {
  webhook: Webhook;
  secret: string;
}
export interface WebhookDeliveryPage {
  items: WebhookDelivery[];
  nextCursor: string | null;
}

export const securitySettingsKeys = {
  settings: ['security-settings'] as const,
  notificationStatus: ['notifications', 'status'] as const,
  webhooks: ['webhooks'] as const,
  deliveries: (webhookId: string) => ['webhooks', webhookId, 'deliveries'] as const,
};

export function fetchSecuritySettings(signal?: AbortSignal): Promise<SecuritySettings> {
  return api.get('/organization/security', { signal });
}

export function updateSecuritySettings(patch: PatchSecuritySettingsBody): Promise<SecuritySettings> {
  return api.patch('/organization/security', patch);
}

export function fetchNotificationStatus(signal?: AbortSignal): Promise<NotificationStatus> {
  return api.get('/notifications/status', { signal });
}

export function fetchWebhooks(signal?: AbortSignal): Promise<{ items: Webhook[] }> {
  return api.get('/webhooks', { signal });
}

export function createWebhook(body: { url: string; description?: string }): Promise<WebhookWithSecret> {
  return api.post('/webhooks', body);
}

export function updateWebhook(input: {
  id: string;
  patch: { url?: string; description?: string; enabled?: boolean };
}): Promise<Webhook> {
  return api.patch(`/webhooks/${encodeURIComponent(input.id)}`, input.patch);
}

export function deleteWebhook(id: string): Promise<void> {
  return api.delete(`/webhooks/${encodeURIComponent(id)}`);
}

export function rotateWebhookSecret(id: string): Promise<WebhookWithSecret> {
  return api.post(`/webhooks/${encodeURIComponent(id)}/rotate-secret`);
}

export function sendTestWebhook(id: string): Promise<unknown> {
  return api.post(`/webhooks/${encodeURIComponent(id)}/test`);
}

/** Deliveries per page of a webhook's log. */
export const DELIVERIES_PAGE_SIZE = 20;

export function fetchWebhookDeliveries(
  id: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<WebhookDeliveryPage> {
  return api.get(
    `/webhooks/${encodeURIComponent(id)}/deliveries${toQueryString({ cursor, limit: DELIVERIES_PAGE_SIZE })}`,
    { signal },
  );
}

export function retryWebhookDelivery(input: { webhookId: string; deliveryId: string }): Promise<unknown> {
  return api.post(
    `/webhooks/${encodeURIComponent(input.webhookId)}/deliveries/${encodeURIComponent(input.deliveryId)}/retry`,
  );
}
