import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { DAY_MS } from '../../lib/time.ts';
import { insertReclaimWarningMail } from './seat-reclaim.repository.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A day as the mail shows it: unambiguous for every reader ("2 December 2026", UTC). */
function describeDay(ms: number): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    ms,
  );
}

/**
 * The warning to a holder, queued in the warning's transaction: which product, since when the seat is
 * idle, the day it will be freed, and that using the app keeps it.
 */
export async function queueReclaimWarning(
  trx: Db,
  input: {
    orgId: string;
    email: string;
    name: string;
    productName: string;
    daysIdle: number;
    reclaimOn: number;
    now: number;
  },
): Promise<{ subject: string; text: string }> {
  const day = describeDay(input.reclaimOn);
  const subject = `Your ${input.productName} seat will be freed on ${day}`;
  const idle = input.daysIdle >= 1 ? `for ${input.daysIdle} days` : 'for a while';
  const paragraphs = [
    `Hello ${input.name || input.email},`,
    `You hold a seat of ${input.productName} that has not been used ${idle}. Your organization frees seats nobody uses, so that colleagues who need one can have it.`,
    `Your seat will be freed on ${day} (in ${Math.max(1, Math.round((input.reclaimOn - input.now) / DAY_MS))} days).`,
    `To keep it, use the app: open ${input.productName} and sign in before then. Nothing else is needed.`,
    'If you no longer need it, do nothing. An owner of your organization can give it back to you later.',
  ];
  const text = paragraphs.join('\n\n');
  await insertReclaimWarningMail(trx, {
    id: randomUUID(),
    org_id: input.orgId,
    to_address: input.email,
    subject,
    text_body: text,
    html_body: `<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">\n${paragraphs
      .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
      .join('\n')}\n</body></html>`,
    now: input.now,
  });
  return { subject, text };
}
