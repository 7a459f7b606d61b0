import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { insertEmails } from './email-outbox.repository.ts';
import { describeInstant, toHtmlMail } from './mail-text.ts';

/**
 * In the request's transaction: the mail carrying a password-reset link, queued in the e-mail
 * outbox (the e-mail worker sends it within a tick). The caller has made the link.
 */
export async function queuePasswordResetMail(
  trx: Db,
  input: { orgId: string; email: string; name: string; link: string; expiresAt: number; now: number },
): Promise<void> {
  const greeting = `Hello ${input.name || input.email},`;
  const intro = 'Someone (we hope you) asked to reset the password of your Seatkeeper account.';
  const action = `Open this link to choose a new password. It works once, until ${describeInstant(input.expiresAt)}. Setting it signs your account out everywhere; then sign in with the new password.`;
  const ifNot = 'If you did not ask, ignore this mail: your password stays as it is.';
  await insertEmails(trx, [
    {
      id: randomUUID(),
      org_id: input.orgId,
      kind: 'password_reset',
      to_address: input.email,
      subject: 'Reset your Seatkeeper password',
      text_body: [greeting, intro, `${action}\n${input.link}`, ifNot].join('\n\n'),
      html_body: toHtmlMail([
        { text: greeting },
        { text: intro },
        { text: action, link: { href: input.link, label: 'Choose a new password' } },
        { text: ifNot },
      ]),
      created_at: input.now,
      send_after: input.now,
      sent_at: null,
      attempts: 0,
      last_error: null,
      claimed_until: null,
    },
  ]);
}
