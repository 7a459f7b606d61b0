import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import type { SignInAttempt } from '../activity/index.ts';
import { findOrganization } from '../organizations/index.ts';
import { findUserById, updateUser } from '../users/index.ts';
import { issueDeviceCredential } from './device-credential.ts';
import { assertAcceptablePassword, hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { deleteSessionsOfUser } from './sessions.repository.ts';
import { guardPasswordCheck } from './sign-in.ts';

export interface ChangeOwnPasswordInput {
  orgId: string;
  userId: string;
  /** Hash of the session making the change: the one session that survives it. */
  sessionIdHash: string;
  currentPassword: string;
  newPassword: string;
  deviceCredential: string | undefined;
  /**
   * End the user's other console sessions (default). App sessions are left running: an app
   * quitting under the user is worse than the console asking "sign out everywhere else?" after.
   */
  endOtherSessions?: boolean | undefined;
}

/**
 * A signed-in user changes their password. The current password is a guess like any
 * sign-in's: throttled by the same counters, and each wrong one is recorded as a failed
 * sign-in attempt (`wrong_current_password`) in the user's Activity.
 */
export async function changeOwnPassword(deps: AppDeps, client: ClientContext, input: ChangeOwnPasswordInput) {
  const db = deps.database.db;
  const [user, organization] = await Promise.all([
    findUserById(db, input.orgId, input.userId),
    findOrganization(db, input.orgId),
  ]);
  if (!user || !organization) throw new AppError(401, 'unauthenticated', 'Sign-in required');
  const attempt = (overrides: Partial<SignInAttempt>): SignInAttempt => ({
    orgId: user.org_id,
    userId: user.id,
    email: user.email_normalized,
    outcome: 'failure',
    failureReason: null,
    client: 'console',
    occurredAt: deps.now(),
    ...overrides,
  });
  const target = { email: user.email_normalized, user, deviceCredential: input.deviceCredential };
  await guardPasswordCheck(deps, client, target, attempt, async () => {
    if (user.password_hash) {
      if (await verifyPassword(user.password_hash, input.currentPassword)) return undefined;
    } else {
      // Every signed-in user has a password; should one not, the answer takes the same time.
      await verifyAgainstDummy(input.currentPassword);
    }
    return {
      reason: 'wrong_current_password',
      error: new AppError(400, 'wrong-password', 'Current password is wrong', 'Type your current password again.'),
      guess: true,
    };
  });
  assertAcceptablePassword(input.newPassword, { email: user.email, name: user.name, orgName: organization.name });
  const passwordHash = await hashPassword(input.newPassword);
  const endedSessions = await db.transaction().execute(async (trx) => {
    await updateUser(trx, input.orgId, input.userId, { password_hash: passwordHash, updated_at: deps.now() });
    if (input.endOtherSessions === false) return 0;
    return deleteSessionsOfUser(trx, input.orgId, input.userId, { except: input.sessionIdHash });
  });
  // Credentials are bound to the password: every earlier one is now worthless, this browser's
  // included, so it gets a new one (it has just proved the password).
  const deviceCredential = await issueDeviceCredential(db, { id: user.id, password_hash: passwordHash }, deps.now());
  return { deviceCredential, endedSessions };
}
