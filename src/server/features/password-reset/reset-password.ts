import type { AppDeps } from '../../app-deps.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import { hashToken } from '../../lib/secure-token.ts';
import { closeSessionsOfUser } from '../app-sessions/index.ts';
import { assertAcceptablePassword, deleteSessionsOfUser, hashPassword, recordSignInAttempt } from '../auth/index.ts';
import { findOrganization } from '../organizations/index.ts';
import { updateUser } from '../users/index.ts';
import { findUsableReset } from './describe-password-reset.ts';
import { resetLinkInvalid } from './password-reset-problems.ts';
import { expireOpenPasswordResets, markPasswordResetUsed } from './password-resets.repository.ts';
import type { PasswordResetThrottle } from './reset-throttle.ts';

/**
 * Sets a new password from a reset link, once. In one transaction: the link is used (a
 * conditional update: of parallel uses exactly one wins), the password changes, the user's other
 * links end, every console and app session of the user ends, and the reset is recorded in the
 * sign-in log (method password_reset, through recordSignInAttempt). It does not sign the user in:
 * they sign in next with the new password (and their second factor, if they have one). The
 * account's failed sign-ins are then forgotten by the throttle.
 */
export async function resetPassword(
  deps: AppDeps,
  throttle: PasswordResetThrottle,
  client: ClientContext,
  input: { token: string; password: string },
): Promise<void> {
  const db = deps.database.db;
  const { reset, user } = await findUsableReset(db, throttle, client, input.token, deps.now());
  const { org_id: orgId, user_id: userId } = reset;
  const organization = await findOrganization(db, orgId);
  assertAcceptablePassword(input.password, { email: user.email, name: user.name, orgName: organization?.name });
  // Hashed before the transaction (argon2id takes a while): the transaction stays short.
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    const now = deps.now();
    if (!(await markPasswordResetUsed(trx, orgId, hashToken(input.token), now))) throw resetLinkInvalid();
    await updateUser(trx, orgId, userId, { password_hash: passwordHash, updated_at: now });
    await expireOpenPasswordResets(trx, orgId, userId, now);
    await deleteSessionsOfUser(trx, orgId, userId);
    await closeSessionsOfUser(trx, { orgId, userId, reason: 'signed_out', now });
    await recordSignInAttempt(
      trx,
      deps,
      client,
      {
        orgId,
        userId,
        email: user.email_normalized,
        outcome: 'success',
        failureReason: null,
        client: 'console',
        occurredAt: now,
        method: 'password_reset',
      },
      user,
    );
  });
  await deps.throttle.forgetAccount(user.email_normalized);
}
