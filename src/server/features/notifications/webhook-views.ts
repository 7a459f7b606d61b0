import type { Webhook, WebhookDelivery } from '../../../contract/security.ts';
import type { WebhookDeliveryRow, WebhookEndpointRow } from '../../db/schema.ts';
import { toIso } from '../../lib/time.ts';
import { SECRET_ROTATION_OVERLAP_MS } from './webhook-message.ts';

type DeliveryStatus = WebhookDelivery['status'];
const statusOf = (status: string): DeliveryStatus =>
  status === 'succeeded' || status === 'failed' ? status : 'pending';

export function toWebhook(row: WebhookEndpointRow, latest: WebhookDeliveryRow | undefined): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    enabled: row.enabled === 1,
    createdAt: toIso(row.created_at),
    // A rotation starts the previous secret's overlap: rotated at = its end - the overlap.
    secretRotatedAt:
      row.previous_secret_expires_at === null
        ? null
        : toIso(row.previous_secret_expires_at - SECRET_ROTATION_OVERLAP_MS),
    lastDelivery: latest
      ? { status: statusOf(latest.status), at: toIso(latest.last_attempt_at ?? latest.created_at) }
      : null,
  };
}

export function toWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    messageId: row.message_id,
    eventType: row.event_type,
    alertId: row.alert_id,
    status: statusOf(row.status),
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: toIso(row.created_at),
    lastAttemptAt: toIso(row.last_attempt_at),
    nextAttemptAt: row.status === 'pending' ? toIso(row.next_attempt_at) : null,
    deliveredAt: toIso(row.delivered_at),
  };
}
