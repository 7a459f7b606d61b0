import { PASSWORD_RESET_LINK_MINUTES } from '../../../contract/password-reset.ts';
import type { Db } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { consoleUrl } from '../../lib/console-url.ts';
import { createSecureToken, hashToken } from '../../lib/secure-token.ts';
import { DAY_MS, MINUTE_MS } from '../../lib/time.ts';
import { expireOpenPasswordResets, insertPasswordReset } from './password-resets.repository.ts';

/** How long (ms) a link the user asked for by e-mail works. */
export const EMAILED_RESET_TTL_MS = PASSWORD_RESET_LINK_MINUTES * MINUTE_MS;
/** How long (ms) a link the operator issues works: a person hands it over, which can take a day. */
export const OPERATOR_RESET_TTL_MS = DAY_MS;

/** The console page a reset link opens. */
export function passwordResetLink(publicUrl: URL, token: string): string {
  return consoleUrl(publicUrl, `reset-password/${token}`);
}

/**
 * In the caller's transaction: a new single-use link for the user (only its sha256 is stored),
 * and the end of their links still open, so only the newest works.
 */
export async function issuePasswordReset(
  trx: Db,
  input: { user: Pick<UserRow, 'id' | 'org_id'>; issuedBy: 'email' | 'cli'; publicUrl: URL; now: number },
): Promise<{ url: string; expiresAt: number }> {
  const { user, now } = input;
  const token = createSecureToken();
  const expiresAt = now + (input.issuedBy === 'email' ? EMAILED_RESET_TTL_MS : OPERATOR_RESET_TTL_MS);
  await expireOpenPasswordResets(trx, user.org_id, user.id, now);
  await insertPasswordReset(trx, {
    token_hash: hashToken(token),
    org_id: user.org_id,
    user_id: user.id,
    created_at: now,
    expires_at: expiresAt,
    used_at: null,
    issued_by: input.issuedBy,
  });
  return { url: passwordResetLink(input.publicUrl, token), expiresAt };
}
