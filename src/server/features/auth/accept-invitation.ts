import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import { attemptBuilder } from '../activity/index.ts';
import { readSecuritySettings } from '../security-settings/index.ts';
import { findOpenInvitation, findUserById, markInvitationAccepted, updateUser } from '../users/index.ts';
import { issueDeviceCredential } from './device-credential.ts';
import { assertAcceptablePassword, hashPassword } from './passwords.ts';
import { graceOver, secondFactorStanding } from './second-step-policy.ts';
import { deleteSession, deleteSessionsOfUser } from './sessions.repository.ts';
import { openConsoleSession } from './sign-in.ts';

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
    await updateUser(trx, invitation.org_id, invitation.user_id, { password_hash: passwordHash, updated_at: now });
    const user = await findUserById(trx, invitation.org_id, invitation.user_id);
    if (!user) throw invitationInvalid();
    // A newcomer has no second factor: where the organization requires one with no grace left,
    // their first session, like any other, may only enrol one.
    const { signIn: policy } = await readSecuritySettings(trx, user.org_id);
    const standing = secondFactorStanding(policy, { role: user.role, createdAt: user.created_at });
    const enrolmentOnly = graceOver(standing, now);
    // The first sign-in: through the same step as every other (risk flags, alerts), in this transaction.
    const attempt = attemptBuilder(
      () => now,
      { orgId: user.org_id, userId: user.id, email: user.email_normalized },
      { client: 'console' },
    )({});
    return openConsoleSession(trx, deps, client, user, attempt, { enrolmentOnly });
  });
  // A successful sign-in like any other: this browser is now one the user has signed in from.
  const deviceCredential = await issueDeviceCredential(db, result.user, deps.now());
  return { ...result, deviceCredential };
}
