import type { PasswordResetPreview } from '../../../contract/password-reset.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import type { PasswordResetRow, UserRow } from '../../db/schema.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import { hashToken } from '../../lib/secure-token.ts';
import { toIso } from '../../lib/time.ts';
import { findUserById } from '../users/index.ts';
import { resetLinkInvalid, tooManyResetRequests } from './password-reset-problems.ts';
import { findPasswordReset } from './password-resets.repository.ts';
import type { PasswordResetThrottle } from './reset-throttle.ts';

/**
 * The link and its user when the link still works: not used, not expired or replaced, and the user
 * still active. Otherwise the link is a wrong one: it takes one from the address's count (429 once
 * that is spent) and answers reset-link-invalid.
 */
export async function findUsableReset(
  db: Db,
  throttle: PasswordResetThrottle,
  client: ClientContext,
  token: string,
  now: number,
): Promise<{ reset: PasswordResetRow; user: UserRow }> {
  const reset = await findPasswordReset(db, hashToken(token));
  const user = reset && (await findUserById(db, reset.org_id, reset.user_id));
  if (reset && user && reset.used_at === null && reset.expires_at > now && user.status === 'active') {
    return { reset, user };
  }
  const refusedForMs = await throttle.takeWrongLink(client.ip);
  if (refusedForMs !== undefined) throw tooManyResetRequests(refusedForMs);
  throw resetLinkInvalid();
}

/** What the reset page shows: whose account (masked) and until when. Reading changes nothing (mail scanners open links). */
export async function describePasswordReset(
  deps: AppDeps,
  throttle: PasswordResetThrottle,
  client: ClientContext,
  token: string,
): Promise<PasswordResetPreview> {
  const { reset, user } = await findUsableReset(deps.database.db, throttle, client, token, deps.now());
  return { email: maskEmail(user.email), expiresAt: toIso(reset.expires_at) };
}

/** "dana@example.com" → "d***@example.com": enough to recognise one's own account, not to learn someone's. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const first = Array.from(email.slice(0, Math.max(at, 0)))[0] ?? '';
  return `${first}***${email.slice(at)}`;
}
