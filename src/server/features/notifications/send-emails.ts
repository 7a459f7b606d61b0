import type { Transporter } from 'nodemailer';
import type { Db } from '../../db/database.ts';
import { MINUTE_MS } from '../../lib/time.ts';
import { claimEmail, findDueEmails, recordEmailOutcome } from './email-outbox.repository.ts';

/** Mails sent per tick at most: a tick stays short, the next one takes the rest. */
export const EMAILS_PER_TICK = 20;
/** A failed mail is retried after 1, 2, 4 … minutes, at most 6 hours apart, 12 attempts in all (about 1.5 days). */
export const MAX_EMAIL_ATTEMPTS = 12;
const MAX_EMAIL_BACKOFF_MS = 6 * 60 * MINUTE_MS;
/** A worker holds a mail this long (ms); a process that died mid-send lets it go after. */
const EMAIL_CLAIM_MS = 2 * MINUTE_MS;

export function emailRetryDelay(attempts: number): number {
  return Math.min(MINUTE_MS * 2 ** (attempts - 1), MAX_EMAIL_BACKOFF_MS);
}

/** Sends the due mails of the outbox through `transport`; failures wait for their next try. Returns how many were sent. */
export async function sendDueEmails(
  db: Db,
  transport: Transporter,
  options: { from: string; now: () => number },
): Promise<number> {
  const now = options.now();
  let sent = 0;
  for (const mail of await findDueEmails(db, now, MAX_EMAIL_ATTEMPTS, EMAILS_PER_TICK)) {
    if (!(await claimEmail(db, mail.id, now, now + EMAIL_CLAIM_MS))) continue;
    const attempts = mail.attempts + 1;
    try {
      await transport.sendMail({
        from: options.from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        ...(mail.html_body ? { html: mail.html_body } : {}),
      });
      await recordEmailOutcome(db, mail.id, {
        sent_at: options.now(),
        attempts,
        last_error: null,
        send_after: mail.send_after,
      });
      sent += 1;
    } catch (error) {
      await recordEmailOutcome(db, mail.id, {
        sent_at: null,
        attempts,
        last_error: String((error as Error).message ?? error).slice(0, 500),
        send_after: options.now() + emailRetryDelay(attempts),
      });
    }
  }
  return sent;
}
