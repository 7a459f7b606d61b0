import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { WebhookDeliveryRow } from '../../db/schema.ts';

/** A new Standard Webhooks signing secret: `whsec_` + base64 of 24 random bytes (192 bits). */
export function createWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** After a rotation the previous secret signs beside the new one this long (ms), so receivers can switch over. */
export const SECRET_ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** A Standard Webhooks message id (`webhook-id`): the same for every attempt of one message. */
export function createMessageId(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`;
}

/** A pending delivery of one message to one endpoint, due now. */
export function newDeliveryRow(input: {
  orgId: string;
  endpointId: string;
  eventType: string;
  data: Record<string, unknown>;
  alertId: string | null;
  now: number;
}): WebhookDeliveryRow {
  const payload = JSON.stringify({
    type: input.eventType,
    timestamp: new Date(input.now).toISOString(),
    data: input.data,
  });
  return {
    id: randomUUID(),
    org_id: input.orgId,
    endpoint_id: input.endpointId,
    message_id: createMessageId(),
    event_type: input.eventType,
    payload,
    alert_id: input.alertId,
    status: 'pending',
    attempts: 0,
    next_attempt_at: input.now,
    last_attempt_at: null,
    last_status_code: null,
    last_error: null,
    claimed_until: null,
    created_at: input.now,
    delivered_at: null,
  };
}

/**
 * The Standard Webhooks headers of one attempt. The signature header lists one `v1,…` signature per
 * live secret, space-separated: the current one, and the previous one during its rotation overlap.
 */
export function signWebhook(input: {
  messageId: string;
  payload: string;
  secrets: string[];
  now: number;
}): Record<string, string> {
  const timestamp = new Date(input.now);
  const signatures = input.secrets.map((secret) => new Webhook(secret).sign(input.messageId, timestamp, input.payload));
  return {
    'webhook-id': input.messageId,
    'webhook-timestamp': String(Math.floor(input.now / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}

/**
 * When the next attempt is due after `attempts` failed ones (ms from now), or null when the message
 * has failed for good: the Standard Webhooks schedule, 8 attempts in about 28 hours.
 */
export const WEBHOOK_RETRY_DELAYS_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
] as const;

export function nextWebhookRetryDelay(attempts: number): number | null {
  return WEBHOOK_RETRY_DELAYS_MS[attempts - 1] ?? null;
}
