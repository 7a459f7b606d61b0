import type { UserRow } from '../../db/schema.ts';
import type { AppDeps } from '../../http/app-deps.ts';
import type { ClientContext } from '../../http/client-context.ts';
import { AppError } from '../../http/errors.ts';
import { type FailureReason, recordSignInAttempt, type SignInAttempt } from '../activity/record-sign-in-attempt.ts';
import { findUserByEmail, normalizeEmail, updateUser } from '../users/users.repository.ts';
import { verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { insertSession } from './sessions.repository.ts';

/** The same answer for an unknown email and a wrong password: it must not reveal which accounts exist. */
export const invalidCredentials = () =>
  new AppError(401, 'invalid-credentials', 'Wrong email or password', 'Check the email and password and try again.');

export function tooManyAttempts(retryAfterMs: number): AppError {
  const seconds = Math.ceil(retryAfterMs / 1000);
  return new AppError(
    429,
    'too-many-attempts',
    'Too many sign-in attempts',
    `Too many failed attempts for this account or address. Try again in ${formatWait(seconds)}.`,
    { headers: { 'Retry-After': String(seconds) } },
  );
}

/** What a successful check hands on: the user, and the attempt to record with the sign-in's effect. */
export interface VerifiedSignIn {
  user: UserRow;
  attempt: (overrides: Partial<SignInAttempt>) => SignInAttempt;
}

/**
 * The part of every sign-in (console or app) before its effect: throttle, then
 * credentials. Failures are recorded here and thrown; they count toward the throttle.
 */
export async function verifySignIn(
  deps: AppDeps,
  client: ClientContext,
  input: { email: string; password: string },
  context: Pick<SignInAttempt, 'client' | 'app'>,
): Promise<VerifiedSignIn> {
  const email = normalizeEmail(input.email);
  const key = { email, ip: client.ip };
  const db = deps.database.db;
  const user = await findUserByEmail(db, email);
  const attempt = (overrides: Partial<SignInAttempt>): SignInAttempt => ({
    orgId: user?.org_id ?? null,
    userId: user?.id ?? null,
    email,
    outcome: 'success',
    failureReason: null,
    occurredAt: deps.now(),
    ...context,
    ...overrides,
  });

  const retryAfterMs = await deps.throttle.retryAfterMs(key);
  if (retryAfterMs > 0) {
    await recordSignInAttempt(db, deps.geo, client, attempt({ outcome: 'failure', failureReason: 'throttled' }));
    throw tooManyAttempts(retryAfterMs);
  }
  const failure = await checkCredentials(user, input.password);
  if (failure) {
    await deps.throttle.recordFailure(key);
    await recordSignInAttempt(db, deps.geo, client, attempt({ outcome: 'failure', failureReason: failure.reason }));
    throw failure.error;
  }
  await deps.throttle.recordSuccess(key);
  return { user: user as UserRow, attempt };
}

/**
 * Console sign-in: the recorded attempt, the last-sign-in time and the new session
 * commit together.
 */
export async function signIn(deps: AppDeps, client: ClientContext, input: { email: string; password: string }) {
  const { user, attempt } = await verifySignIn(deps, client, input, { client: 'console' });
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    await recordSignInAttempt(trx, deps.geo, client, attempt({ occurredAt: now }));
    await updateUser(trx, user.org_id, user.id, { last_login_at: now, updated_at: now });
    const session = await insertSession(trx, { orgId: user.org_id, userId: user.id, now });
    return { user: { ...user, last_login_at: now }, session };
  });
}

async function checkCredentials(
  user: UserRow | undefined,
  password: string,
): Promise<{ reason: FailureReason; error: AppError } | undefined> {
  if (!user) {
    await verifyAgainstDummy(password);
    return { reason: 'unknown_account', error: invalidCredentials() };
  }
  if (!user.password_hash) {
    await verifyAgainstDummy(password);
    return { reason: 'invitation_pending', error: invalidCredentials() };
  }
  const matches = await verifyPassword(user.password_hash, password);
  if (user.status === 'deactivated') {
    // Only someone who knows the password learns that the account is deactivated.
    const error = matches
      ? new AppError(403, 'account-deactivated', 'Account deactivated', 'Ask an owner of your organization.')
      : invalidCredentials();
    return { reason: 'deactivated', error };
  }
  return matches ? undefined : { reason: 'invalid_password', error: invalidCredentials() };
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
