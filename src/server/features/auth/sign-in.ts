import type { UserRow } from '../../db/schema.ts';
import type { AppDeps } from '../../http/app-deps.ts';
import type { ClientContext } from '../../http/client-context.ts';
import { AppError } from '../../http/errors.ts';
import { type FailureReason, recordSignInAttempt } from '../activity/record-sign-in-attempt.ts';
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

/**
 * Console sign-in. Every attempt is recorded, in the same transaction as the session
 * it creates on success. Failures count toward the per-account and per-IP throttle.
 */
export async function signIn(deps: AppDeps, client: ClientContext, input: { email: string; password: string }) {
  const email = normalizeEmail(input.email);
  const key = { email, ip: client.ip };
  const db = deps.database.db;
  const user = await findUserByEmail(db, email);
  const base = { orgId: user?.org_id ?? null, userId: user?.id ?? null, email, client: 'console' as const };

  const retryAfterMs = await deps.throttle.retryAfterMs(key);
  if (retryAfterMs > 0) {
    await recordSignInAttempt(db, deps.geo, client, {
      ...base,
      outcome: 'failure',
      failureReason: 'throttled',
      occurredAt: deps.now(),
    });
    throw tooManyAttempts(retryAfterMs);
  }

  const failure = await checkCredentials(user, input.password);
  if (failure) {
    await deps.throttle.recordFailure(key);
    await recordSignInAttempt(db, deps.geo, client, {
      ...base,
      outcome: 'failure',
      failureReason: failure.reason,
      occurredAt: deps.now(),
    });
    throw failure.error;
  }

  const signedIn = user as UserRow;
  await deps.throttle.recordSuccess(key);
  return db.transaction().execute(async (trx) => {
    const now = deps.now();
    await recordSignInAttempt(trx, deps.geo, client, {
      ...base,
      outcome: 'success',
      failureReason: null,
      occurredAt: now,
    });
    await updateUser(trx, signedIn.org_id, signedIn.id, { last_login_at: now, updated_at: now });
    const session = await insertSession(trx, { orgId: signedIn.org_id, userId: signedIn.id, now });
    return { user: { ...signedIn, last_login_at: now }, session };
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
