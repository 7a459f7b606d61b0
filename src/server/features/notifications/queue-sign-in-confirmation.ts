import { randomUUID } from 'node:crypto';
import type { RiskEvidence, SecuritySettings } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import { consoleUrl } from '../../lib/console-url.ts';
import { createSecureToken, hashToken } from '../../lib/secure-token.ts';
import { DAY_MS } from '../../lib/time.ts';
import type { NewSignInAttempt } from '../activity/index.ts';
import { insertEmails } from './email-outbox.repository.ts';
import { describeDevice, describeInstant, describePlace, toHtmlMail } from './mail-text.ts';
import { insertSignInConfirmation } from './sign-in-confirmations.repository.ts';

/** How long a "this wasn't me" link works (ms): a week covers a holiday away from the mailbox. */
export const SIGN_IN_CONFIRMATION_TTL_MS = 7 * DAY_MS;

/** The console page a "this wasn't me" link opens; its GET shows the sign-in and changes nothing. */
export function notMeLink(publicUrl: URL, token: string): string {
  return consoleUrl(publicUrl, `not-me/${token}`);
}

/**
 * In the sign-in's transaction: when the organization asks users and mail can be sent, a single-use
 * "this wasn't me" link (only its sha256 is stored) and the "was this you?" mail carrying it, for a
 * successful sign-in with a new_country or new_device flag. Returns whether a mail was queued.
 */
export async function queueSignInConfirmation(
  trx: Db,
  input: {
    orgId: string;
    userId: string;
    email: string;
    name: string;
    signIn: { id: number; row: NewSignInAttempt };
    evidence: RiskEvidence[];
    settings: SecuritySettings;
    publicUrl: URL;
    emailConfigured: boolean;
    now: number;
  },
): Promise<boolean> {
  if (!input.settings.notifications.askUsers || !input.emailConfigured) return false;
  const flags = new Set(input.evidence.map((entry) => entry.flag));
  const newCountry = flags.has('new_country');
  if (input.signIn.row.outcome !== 'success' || (!newCountry && !flags.has('new_device'))) return false;

  const token = createSecureToken();
  const expiresAt = input.now + SIGN_IN_CONFIRMATION_TTL_MS;
  await insertSignInConfirmation(trx, {
    token_hash: hashToken(token),
    org_id: input.orgId,
    user_id: input.userId,
    sign_in_id: input.signIn.id,
    created_at: input.now,
    expires_at: expiresAt,
    used_at: null,
  });
  const row = input.signIn.row;
  const place = describePlace(row);
  const device = describeDevice(row);
  const link = notMeLink(input.publicUrl, token);
  const subject =
    newCountry && row.country
      ? `New sign-in to Seatkeeper from ${row.country}`
      : `New sign-in to Seatkeeper from ${newCountry ? 'a new country' : 'a new device'}`;
  const facts = [
    `When: ${describeInstant(row.occurred_at)}`,
    `Where: ${place} (address ${row.ip})`,
    `Device: ${device}`,
  ].join('\n');
  const greeting = `Hello ${input.name || input.email},`;
  const intro = `Your Seatkeeper account signed in from ${newCountry ? 'a country' : 'a device'} it has not used before:`;
  const ifYou = 'If this was you, there is nothing to do.';
  const ifNot = `If it was not you, open this link: it signs you out everywhere and tells your organization's owners. It works once, until ${describeInstant(expiresAt)}.`;
  const after = 'Then change your password.';
  await insertEmails(trx, [
    {
      id: randomUUID(),
      org_id: input.orgId,
      kind: 'sign_in_confirmation',
      to_address: input.email,
      subject,
      text_body: [greeting, intro, facts, ifYou, `${ifNot}\n${link}`, after].join('\n\n'),
      html_body: toHtmlMail([
        { text: greeting },
        { text: intro },
        { text: facts },
        { text: ifYou },
        { text: ifNot, link: { href: link, label: 'This wasn’t me' } },
        { text: after },
      ]),
      created_at: input.now,
      send_after: input.now,
      sent_at: null,
      attempts: 0,
      last_error: null,
      claimed_until: null,
    },
  ]);
  return true;
}
