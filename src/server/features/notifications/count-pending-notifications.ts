import type { Db } from '../../db/database.ts';
import { MAX_EMAIL_ATTEMPTS } from './send-emails.ts';

export interface PendingNotifications {
  /** Mails not sent yet that will still be tried. */
  emails: number;
  /** Webhook deliveries still pending (due now or waiting for a retry). */
  webhooks: number;
  /** Alerts waiting for their organization's next digest. */
  digestItems: number;
}

/**
 * The notification queues' depths across the whole server, for the operator's /metrics (not for
 * any organization, so no org filter). Each count walks the index its worker uses to find due
 * rows (email_outbox_due, webhook_deliveries_due, alert_digest_items_pending): cheap while the
 * queues are short, which is the normal state; the caller caches the answer.
 */
export async function countPendingNotifications(db: Db): Promise<PendingNotifications> {
  const [emails, webhooks, digestItems] = await Promise.all([
    db
      .selectFrom('email_outbox')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('sent_at', 'is', null)
      .where('attempts', '<', MAX_EMAIL_ATTEMPTS)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('alert_digest_items')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('emailed_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { emails: Number(emails.count), webhooks: Number(webhooks.count), digestItems: Number(digestItems.count) };
}
