import type { Db } from '../../db/database.ts';
import { MINUTE_MS } from '../../lib/time.ts';
import { postWebhook, WEBHOOK_TIMEOUT_MS, type WebhookAttemptResult } from './post-webhook.ts';
import {
  claimWebhookDelivery,
  type DueWebhookDelivery,
  findDueWebhookDeliveries,
  recordWebhookAttempt,
} from './webhook-deliveries.repository.ts';
import { nextWebhookRetryDelay, signWebhook } from './webhook-message.ts';

/** Deliveries attempted per tick at most (in parallel: each waits up to WEBHOOK_TIMEOUT_MS). */
export const WEBHOOKS_PER_TICK = 20;
/** A worker holds a delivery this long (ms): longer than an attempt can take. */
const WEBHOOK_CLAIM_MS = WEBHOOK_TIMEOUT_MS + MINUTE_MS;

/**
 * Attempts the due deliveries: each signed with the endpoint's secret (and the previous one while its
 * rotation overlap lasts), 2xx succeeds, anything else is retried on the Standard Webhooks schedule
 * and marked failed after the last attempt. Returns how many attempts were made.
 */
export async function sendDueWebhooks(db: Db, options: { now: () => number; allowPrivate: boolean }): Promise<number> {
  const now = options.now();
  const due = await findDueWebhookDeliveries(db, now, WEBHOOKS_PER_TICK);
  const claimed: DueWebhookDelivery[] = [];
  for (const delivery of due) {
    if (await claimWebhookDelivery(db, delivery.id, now, now + WEBHOOK_CLAIM_MS)) claimed.push(delivery);
  }
  await Promise.all(claimed.map((delivery) => attemptDelivery(db, delivery, now, options.allowPrivate)));
  return claimed.length;
}

async function attemptDelivery(db: Db, delivery: DueWebhookDelivery, now: number, allowPrivate: boolean) {
  const secrets = [delivery.secret];
  if (delivery.previous_secret && (delivery.previous_secret_expires_at ?? 0) > now) {
    secrets.push(delivery.previous_secret);
  }
  let result: WebhookAttemptResult;
  try {
    result = await postWebhook({
      url: delivery.url,
      body: delivery.payload,
      headers: signWebhook({ messageId: delivery.message_id, payload: delivery.payload, secrets, now }),
      allowPrivate,
    });
  } catch (error) {
    result = { ok: false, statusCode: null, error: String((error as Error).message ?? error).slice(0, 200) };
  }
  const attempts = delivery.attempts + 1;
  const retryIn = result.ok ? null : nextWebhookRetryDelay(attempts);
  await recordWebhookAttempt(db, delivery.id, {
    status: result.ok ? 'succeeded' : retryIn === null ? 'failed' : 'pending',
    attempts,
    next_attempt_at: retryIn === null ? null : now + retryIn,
    last_attempt_at: now,
    last_status_code: result.statusCode,
    last_error: result.error,
    delivered_at: result.ok ? now : null,
  });
}
