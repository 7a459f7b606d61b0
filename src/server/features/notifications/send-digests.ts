import { randomUUID } from 'node:crypto';
import type { AlertSeverity } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import { MINUTE_MS } from '../../lib/time.ts';
import { type AlertSummary, findAlertSummaries } from '../alerts/index.ts';
import { findOrganization } from '../organizations/index.ts';
import { readSecuritySettings } from '../security-settings/index.ts';
import { findUserPage } from '../users/index.ts';
import {
  claimDigestSlot,
  findOrganizationsWithPendingDigest,
  findPendingDigestItems,
  markDigestItemsEmailed,
} from './alert-digest.repository.ts';
import { insertEmails } from './email-outbox.repository.ts';
import { describeInstant, toHtmlMail } from './mail-text.ts';

/** Organizations handled per tick at most. */
export const DIGEST_ORGANIZATIONS_PER_TICK = 20;
/** A digest lists this many alerts at most, the most severe first; it says how many more are in the console. */
export const DIGEST_MAX_LISTED = 50;

const SEVERITY_ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 } satisfies Record<AlertSeverity, number>;

/**
 * For each organization with alerts waiting, when its last digest is at least digestMinutes old: one
 * mail to each active owner listing them, and the alerts marked emailed — in one transaction, so a
 * digest is queued exactly once. At most one digest per organization per digestMinutes, however
 * many alerts arrive (a spraying storm of 1,000 alerts in an hour at 15 minutes: 5 mails per owner).
 * Returns the number of digests queued.
 */
export async function sendDueDigests(db: Db, options: { now: number; publicUrl: URL }): Promise<number> {
  let queued = 0;
  for (const orgId of await findOrganizationsWithPendingDigest(db, DIGEST_ORGANIZATIONS_PER_TICK)) {
    const done = await db.transaction().execute(async (trx) => {
      const settings = await readSecuritySettings(trx, orgId);
      const windowMs = settings.notifications.digestMinutes * MINUTE_MS;
      if (!(await claimDigestSlot(trx, orgId, options.now, windowMs))) return false;
      const items = await findPendingDigestItems(trx, orgId);
      if (items.length === 0) return false;
      const alerts = await findAlertSummaries(
        trx,
        orgId,
        items.map((item) => item.alert_id),
      );
      const organization = await findOrganization(trx, orgId);
      const owners = await findActiveOwners(trx, orgId, options.now);
      const mail = composeDigest({ organizationName: organization?.name ?? 'your organization', alerts, ...options });
      await insertEmails(
        trx,
        owners.map((owner) => ({
          id: randomUUID(),
          org_id: orgId,
          kind: 'alert_digest',
          to_address: owner.email,
          subject: mail.subject,
          text_body: mail.text,
          html_body: mail.html,
          created_at: options.now,
          send_after: options.now,
          sent_at: null,
          attempts: 0,
          last_error: null,
          claimed_until: null,
        })),
      );
      await markDigestItemsEmailed(
        trx,
        orgId,
        items.map((item) => item.alert_id),
        options.now,
      );
      return true;
    });
    if (done) queued += 1;
  }
  return queued;
}

/** The organization's active owners who have accepted their invitation (an organization has a handful). */
async function findActiveOwners(db: Db, orgId: string, now: number) {
  const owners = [];
  let after: Parameters<typeof findUserPage>[2]['after'];
  for (;;) {
    const page = await findUserPage(db, orgId, {
      role: 'owner',
      status: 'active',
      now,
      sort: 'createdAt',
      order: 'asc',
      after,
      limit: 100,
    });
    owners.push(...page.items.filter((user) => !user.invitationPending));
    if (!page.next) return owners;
    after = page.next;
  }
}

function composeDigest(input: { organizationName: string; alerts: AlertSummary[]; now: number; publicUrl: URL }) {
  const sorted = [...input.alerts].sort(
    (a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) || a.created_at - b.created_at,
  );
  const listed = sorted.slice(0, DIGEST_MAX_LISTED);
  const count = input.alerts.length;
  const highs = input.alerts.filter((alert) => alert.severity === 'high').length;
  const subject = `Seatkeeper: ${count} new security alert${count === 1 ? '' : 's'} for ${input.organizationName}${highs > 0 ? ` (${highs} high)` : ''}`;
  const linkOf = (id: string) => new URL(`security?alert=${encodeURIComponent(id)}`, base(input.publicUrl)).toString();
  const lines = listed.map(
    (alert) =>
      `[${alert.severity.toUpperCase()}] ${alert.summary} (${describeInstant(alert.created_at)})\n${linkOf(alert.id)}`,
  );
  const more = count - listed.length;
  const moreLine = more > 0 ? `…and ${more} more in the console.` : '';
  const inbox = new URL('security', base(input.publicUrl)).toString();
  const intro = `${count} new alert${count === 1 ? '' : 's'} since the last mail:`;
  const outro =
    'Open the Security page to acknowledge or resolve them. Mails are grouped so a storm of alerts sends a few, not thousands; Settings → Security sets how often.';
  return {
    subject,
    text: [intro, ...lines, moreLine, `All alerts: ${inbox}`, outro].filter(Boolean).join('\n\n'),
    html: toHtmlMail([
      { text: intro },
      ...listed.map((alert) => ({
        text: `[${alert.severity.toUpperCase()}] ${alert.summary} (${describeInstant(alert.created_at)})`,
        link: { href: linkOf(alert.id), label: 'Open' },
      })),
      ...(moreLine ? [{ text: moreLine }] : []),
      { text: 'All alerts:', link: { href: inbox, label: inbox } },
      { text: outro },
    ]),
  };
}

function base(publicUrl: URL): string {
  return publicUrl.href.endsWith('/') ? publicUrl.href : `${publicUrl.href}/`;
}
