import nodemailer, { type Transporter } from 'nodemailer';
import type { AppDeps } from '../../app-deps.ts';
import { sendDueDigests } from './send-digests.ts';
import { sendDueEmails } from './send-emails.ts';
import { sendDueWebhooks } from './send-webhooks.ts';

/** How often (ms) each worker looks for due work; a tick is bounded, so a backlog drains over a few ticks. */
export const NOTIFICATION_TICK_MS = 5_000;

export interface NotificationWorkers {
  /** One tick of each worker, in order: digests into the outbox, the outbox's mails, the webhooks. Tests call it. */
  runOnce(): Promise<{ digests: number; emails: number; webhookAttempts: number }>;
  /** Runs a tick every NOTIFICATION_TICK_MS until stopped; the stop waits for a tick in flight. */
  start(onError: (error: unknown) => void): () => Promise<void>;
  close(): void;
}

/**
 * The in-process senders of the notification outboxes. Every server process may run them: each row
 * is claimed with a conditional update before it is sent, so two processes never send it at once.
 * Without SMTP_URL no mail is queued or sent; webhooks go out regardless.
 */
export function createNotificationWorkers(deps: AppDeps): NotificationWorkers {
  const smtpUrl = deps.config.smtpUrl;
  let transport: Transporter | undefined;
  const mailer = () => {
    transport ??= nodemailer.createTransport(smtpUrl);
    return transport;
  };
  const from = deps.config.smtpFrom;
  const db = deps.database.db;

  async function runOnce() {
    let digests = 0;
    let emails = 0;
    if (smtpUrl) {
      digests = await sendDueDigests(db, { now: deps.now(), publicUrl: deps.config.publicUrl });
      emails = await sendDueEmails(db, mailer(), { from, now: deps.now });
    }
    const webhookAttempts = await sendDueWebhooks(db, {
      now: deps.now,
      allowPrivate: deps.config.webhookAllowPrivate,
    });
    return { digests, emails, webhookAttempts };
  }

  return {
    runOnce,
    start(onError) {
      let inFlight: Promise<unknown> | undefined;
      const timer = setInterval(() => {
        if (inFlight) return; // the previous tick still runs (a slow receiver): skip, never pile up
        inFlight = runOnce()
          .catch(onError)
          .finally(() => {
            inFlight = undefined;
          });
      }, NOTIFICATION_TICK_MS);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await inFlight;
        transport?.close();
      };
    },
    close() {
      transport?.close();
    },
  };
}
