import { randomUUID } from 'node:crypto';
import type { PasswordResetRequested } from '../../../contract/password-reset.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import { MINUTE_MS } from '../../lib/time.ts';
import { queuePasswordResetMail } from '../notifications/index.ts';
import { findUserByEmail, normalizeEmail } from '../users/index.ts';
import { issuePasswordReset } from './issue-password-reset.ts';
import { tooManyResetRequests } from './password-reset-problems.ts';
import {
  claimPasswordResetRequest,
  findWaitingPasswordResetRequests,
  insertPasswordResetRequest,
} from './password-resets.repository.ts';
import type { PasswordResetThrottle } from './reset-throttle.ts';

/**
 * "Forgot password?", the part before the answer: the e-mail's and the address's counts are taken,
 * and the request is stored (one row, whether or not an account has the address), so the answer,
 * and the time it takes, say nothing about the account, and an answered request survives a crash.
 * The link is made from the stored request afterwards (sendPasswordResetLink); answers its id.
 * Without SMTP nothing is stored: no mail could carry the link.
 */
export async function requestPasswordReset(
  deps: AppDeps,
  throttle: PasswordResetThrottle,
  client: ClientContext,
  input: { email: string },
): Promise<{ answer: PasswordResetRequested; requestId: string | undefined }> {
  const email = normalizeEmail(input.email);
  const refusedForMs = await throttle.takeRequest({ email, ip: client.ip });
  if (refusedForMs !== undefined) throw tooManyResetRequests(refusedForMs);
  const emailConfigured = deps.config.smtpUrl !== undefined;
  if (!emailConfigured) return { answer: { emailConfigured }, requestId: undefined };
  const requestId = randomUUID();
  await insertPasswordResetRequest(deps.database.db, {
    id: requestId,
    email,
    created_at: deps.now(),
    processed_at: null,
  });
  return { answer: { emailConfigured }, requestId };
}

/**
 * A stored request's effect, in one transaction, once (the request is claimed first): when an
 * active user with a password has the address, a new link (their older ones stop working) and the
 * mail carrying it, queued in the e-mail outbox (sent within a worker's tick). Anyone else gets
 * nothing. Answers whether a mail was queued.
 */
export async function sendPasswordResetLink(deps: AppDeps, requestId: string): Promise<boolean> {
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const request = await claimPasswordResetRequest(trx, requestId, now);
    if (!request) return false;
    const user = await findUserByEmail(trx, request.email);
    if (user?.status !== 'active' || user.password_hash === null) return false;
    const link = await issuePasswordReset(trx, { user, issuedBy: 'email', publicUrl: deps.config.publicUrl, now });
    await queuePasswordResetMail(trx, {
      orgId: user.org_id,
      email: user.email,
      name: user.name,
      link: link.url,
      expiresAt: link.expiresAt,
      now,
    });
    return true;
  });
}

/** Requests a stopped process answered but never turned into links (a minute old or more), processed now. */
export async function sendWaitingPasswordResetLinks(deps: AppDeps): Promise<number> {
  const waiting = await findWaitingPasswordResetRequests(deps.database.db, deps.now() - MINUTE_MS, 100);
  let sent = 0;
  for (const id of waiting) if (await sendPasswordResetLink(deps, id)) sent++;
  return sent;
}
