import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import { findOpenInvitation, findUserById, markInvitationAccepted, updateUser } from '../users/index.ts';
import { issueDeviceCredential } from './device-credential.ts';
import { assertAcceptablePassword, hashPassword } from './passwords.ts';
import { recordSignInAttempt } from './record-sign-in-attempt.ts';
import { deleteSession, deleteSessionsOfUser, insertSession } from './sessions.repository.ts';

export const invitationInvalid = () =>
  new AppError(
    404,
    'invitation-invalid',
    'Invitation not valid',
    'This invitation link was already used, has expired or was replaced. Ask an owner for a new one.',
  );

/**
 * Sets the first password from an invitation link (an owner's invitation, or the operator's
 * `password-link` for a user without a password; a user with one gets a password-reset link
 * instead) and signs the user in: the acceptance, the password, the end of the user's other
 * console sessions and of the session the browser held (whoever it was for: someone else's
 * session must not outlive this sign-in), the recorded sign-in and its counts in the reports'
 * aggregates, and the new session commit together, once.
 */
export async function acceptInvitation(
  deps: AppDeps,
  client: ClientContext,
  input: { token: string; password: string; previousSessionIdHash?: string | undefined },
) {
  const db = deps.database.db;
  const invitation = await findOpenInvitation(db, input.token, deps.now());
  if (!invitation) throw invitationInvalid();
  assertAcceptablePassword(input.password, {
    email: invitation.email,
    name: invitation.name,
    orgName: invitation.organization_name,
  });
  const passwordHash = await hashPassword(input.password);
  const result = await db.transaction().execute(async (trx) => {
    const now = deps.now();
    if (!(await markInvitationAccepted(trx, invitation.token_hash, now))) throw invitationInvalid();
    if (input.previousSessionIdHash) await deleteSession(trx, input.previousSessionIdHash);
    await deleteSessionsOfUser(trx, invitation.org_id, invitation.user_id);
    await updateUser(trx, invitation.org_id, invitation.user_id, {
      password_hash: passwordHash,
      last_login_at: now,
      updated_at: now,
    });
    // The first sign-in: through the same step as every other (risk flags, alerts), in this transaction.
    await recordSignInAttempt(trx, deps, client, {
      orgId: invitation.org_id,
      userId: invitation.user_id,
      email: invitation.email.toLowerCase(),
      outcome: 'success',
      failureReason: null,
      client: 'console',
      occurredAt: now,
    });
    const session = await insertSession(trx, { orgId: invitation.org_id, userId: invitation.user_id, now });
    const user = await findUserById(trx, invitation.org_id, invitation.user_id);
    if (!user) throw invitationInvalid();
    return { user, session };
  });
  // A successful sign-in like any other: this browser is now one the user has signed in from.
  const deviceCredential = await issueDeviceCredential(db, result.user, deps.now());
  return { ...result, deviceCredential };
}
