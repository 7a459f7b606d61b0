import type { SecondStepRequired } from '../../../contract/auth.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, tooManyRequests } from '../../lib/app-error.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import { toIso } from '../../lib/time.ts';
import { attemptBuilder, type FailureReason, type SignInAttempt } from '../activity/index.ts';
import { hasSecondFactor, passkeyRequestOptions, readSecondFactors } from '../mfa/index.ts';
import { DEFAULT_SECURITY_SETTINGS } from '../security-settings/index.ts';
import { ssoRequiredFor } from '../sso/index.ts';
import { findUserByEmail, normalizeEmail, updateUser } from '../users/index.ts';
import { issueDeviceCredential, readDeviceCredential } from './device-credential.ts';
import { verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { type AttemptedAccount, assessSignInAttempt, recordSignInAttempt } from './record-sign-in-attempt.ts';
import { decideSecondStep, secondFactorStanding } from './second-step-policy.ts';
import { insertSession } from './sessions.repository.ts';
import { deleteDeadChallenges, insertSignInChallenge } from './sign-in-challenges.repository.ts';

/** The same answer for an unknown email and a wrong password: it must not reveal which accounts exist. */
export const invalidCredentials = () =>
  new AppError(401, 'invalid-credentials', 'Wrong email or password', 'Check the email and password and try again.');

export function tooManyAttempts(retryAfterMs: number): AppError {
  return tooManyRequests(
    'too-many-attempts',
    'Too many sign-in attempts',
    (wait) => `Too many failed attempts for this account, from this address or on this device. Try again in ${wait}.`,
    retryAfterMs,
  );
}

/** What a successful check hands on: the user, and the attempt to record with the sign-in's effect. */
export interface VerifiedSignIn {
  user: UserRow;
  attempt: (overrides: Partial<SignInAttempt>) => SignInAttempt;
}

export interface SignInInput {
  email: string;
  password: string;
  /** The device credential this browser or app install holds, if any (see device-credential.ts). */
  deviceCredential?: string | undefined;
}

/** A refused check: what to record, what to answer, and whether it was a guess at the password. */
interface Refusal {
  reason: FailureReason;
  error: AppError;
  /** False when the password was right (a deactivated account): the throttle gives the attempt back. */
  guess: boolean;
}

/**
 * The part of every sign-in (console or app) before its effect: throttle, then
 * credentials. Failures are recorded here and thrown; guesses count toward the throttle.
 */
export async function verifySignIn(
  deps: AppDeps,
  client: ClientContext,
  input: SignInInput,
  context: Pick<SignInAttempt, 'client' | 'app'>,
): Promise<VerifiedSignIn> {
  const email = normalizeEmail(input.email);
  const user = await findUserByEmail(deps.database.db, email);
  const attempt = attemptBuilder(deps.now, { orgId: user?.org_id ?? null, userId: user?.id ?? null, email }, context);
  const sso = await ssoRequiredFor(deps.database.db, email, user);
  if (sso) {
    // Decided by the e-mail's domain, before any password check: it reveals no account.
    await recordRefusedAttempt(deps, client, attempt({ outcome: 'failure', failureReason: 'sso_required' }), user);
    throw new AppError(
      403,
      'sso-required',
      'Single sign-on required',
      `Your organization signs in through its identity provider: choose "Sign in with single sign-on" (${sso.startPath}).`,
    );
  }
  await guardPasswordCheck(deps, client, { email, user, deviceCredential: input.deviceCredential }, attempt, () =>
    checkCredentials(user, input.password),
  );
  return { user: user as UserRow, attempt };
}

/**
 * Reserves the attempt in the throttle (refusing it, recorded as `throttled`, when a
 * counter is exhausted), runs `check`, and settles the reservation: a refusal that was a
 * guess keeps it and is recorded; one that was not gives it back; success clears the
 * account's (or device credential's) failures. Sign-in and change of password share it.
 */
export async function guardPasswordCheck(
  deps: AppDeps,
  client: ClientContext,
  target: { email: string; user: UserRow | undefined; deviceCredential: string | undefined },
  attempt: (overrides: Partial<SignInAttempt>) => SignInAttempt,
  check: () => Promise<Refusal | undefined>,
): Promise<void> {
  const db = deps.database.db;
  const device = await readDeviceCredential(db, target.deviceCredential, target.user, deps.now());
  const reservation = await deps.throttle.reserve({ email: target.email, ip: client.ip, device: device?.nonce });
  if (!reservation.granted) {
    await recordRefusedAttempt(deps, client, attempt({ outcome: 'failure', failureReason: 'throttled' }), target.user);
    throw tooManyAttempts(reservation.retryAfterMs);
  }
  let refusal: Refusal | undefined;
  try {
    refusal = await check();
  } catch (error) {
    await reservation.release();
    throw error;
  }
  if (refusal) {
    if (!refusal.guess) await reservation.release();
    await recordRefusedAttempt(
      deps,
      client,
      attempt({ outcome: 'failure', failureReason: refusal.reason }),
      target.user,
    );
    throw refusal.error;
  }
  await reservation.succeed();
}

/**
 * A refused attempt's whole effect, in a transaction of its own (nothing else changes): the
 * attempt with its risk flags, its counts, its alerts and their notifications
 * (recordSignInAttempt). Throttled and refused sign-ins, wrong current passwords and app
 * sign-ins without a seat record through it; `account` is the account the email matched.
 */
export async function recordRefusedAttempt(
  deps: AppDeps,
  client: ClientContext,
  attempt: SignInAttempt,
  account?: AttemptedAccount | undefined,
) {
  await deps.database.db.transaction().execute(async (trx) => {
    await recordSignInAttempt(trx, deps, client, attempt, account);
  });
}

/** What a right password leads to: a session, or the second step to answer first. */
export type SignInOutcome =
  | { kind: 'signed-in'; user: UserRow; session: NewSession; deviceCredential: string }
  | { kind: 'second-step'; answer: SecondStepRequired };

type NewSession = Awaited<ReturnType<typeof insertSession>>;

/**
 * Console sign-in. The password is checked (verifySignIn); then the sign-in's risk flags, the
 * user's second factors and the organization's rules decide (decideSecondStep): block it, ask
 * the second step (a challenge, no session yet: POST /auth/login/verify finishes), or open the
 * session — the recorded attempt, the last-sign-in time and the session commit together
 * (openConsoleSession) and a new device credential is handed to the browser.
 */
export async function signIn(deps: AppDeps, client: ClientContext, input: SignInInput): Promise<SignInOutcome> {
  const verified = await verifySignIn(deps, client, input, { client: 'console' });
  const { user } = verified;
  const db = deps.database.db;
  const now = deps.now();
  const ref = { orgId: user.org_id, userId: user.id };
  const success = verified.attempt({ occurredAt: now });
  const { decision, factors } = await judgeRightPassword(deps, client, verified, now);
  if (decision.kind === 'ask') {
    await deleteDeadChallenges(db, user.org_id, user.id, now);
    const passkey = factors.passkeys > 0 ? await passkeyRequestOptions(db, deps, ref) : undefined;
    const challenge = await insertSignInChallenge(db, {
      org_id: user.org_id,
      user_id: user.id,
      reason: decision.reason,
      risk_flags: JSON.stringify(decision.riskFlags),
      webauthn_challenge: passkey?.challenge ?? null,
      created_at: now,
    });
    return {
      kind: 'second-step',
      answer: {
        mfaRequired: true,
        challenge: challenge.token,
        methods: [
          ...(factors.totp ? (['totp'] as const) : []),
          ...(factors.passkeys > 0 ? (['passkey'] as const) : []),
          ...(factors.recoveryCodesLeft > 0 ? (['recovery_code'] as const) : []),
        ],
        reason: decision.reason,
        riskFlags: decision.riskFlags,
        expiresAt: toIso(challenge.expiresAt),
        passkeyOptions: passkey?.options ?? null,
      },
    };
  }
  const deviceCredential = await issueDeviceCredential(db, user, now);
  const result = await db
    .transaction()
    .execute((trx) => openConsoleSession(trx, deps, client, user, success, { enrolmentOnly: decision.enrolmentOnly }));
  return { kind: 'signed-in', user: result.user, session: result.session, deviceCredential };
}

/**
 * What a right password leads to for this user now: their second factors, the attempt's risk
 * flags and the organization's rules decide (decideSecondStep). A block is recorded and refused
 * here (403 sign-in-blocked); the console's sign-in and an app's password sign-in act on the rest.
 */
export async function judgeRightPassword(deps: AppDeps, client: ClientContext, verified: VerifiedSignIn, now: number) {
  const { user, attempt } = verified;
  const db = deps.database.db;
  const [{ settings, evidence }, factors] = await Promise.all([
    assessSignInAttempt(db, deps, client, attempt({ occurredAt: now }), user),
    readSecondFactors(db, { orgId: user.org_id, userId: user.id }),
  ]);
  const policy = (settings ?? DEFAULT_SECURITY_SETTINGS).signIn;
  const standing = secondFactorStanding(policy, { role: user.role, createdAt: user.created_at });
  const decision = decideSecondStep({ hasFactor: hasSecondFactor(factors), policy, standing, evidence, now });
  if (decision.kind === 'block') {
    await recordRefusedAttempt(deps, client, attempt({ outcome: 'failure', failureReason: 'blocked_by_risk' }), user);
    throw new AppError(
      403,
      'sign-in-blocked',
      'Sign-in blocked',
      `This sign-in looks unusual (${decision.riskFlags.map((flag) => flag.replaceAll('_', ' ')).join(', ')}) and your organization blocks such sign-ins. Ask an owner of your organization.`,
    );
  }
  return { decision, factors, policy };
}

/**
 * A console sign-in's effect, in the caller's transaction: the recorded attempt (with its risk
 * flags, counts, alerts and notifications: recordSignInAttempt), the last-sign-in time and the new
 * session. Password, second-step, single sign-on and reset sign-ins all end here.
 */
export async function openConsoleSession(
  trx: Db,
  deps: AppDeps,
  client: ClientContext,
  user: UserRow,
  attempt: SignInAttempt,
  options: { enrolmentOnly?: boolean } = {},
) {
  const now = attempt.occurredAt;
  const recorded = await recordSignInAttempt(trx, deps, client, attempt, user);
  await updateUser(trx, user.org_id, user.id, { last_login_at: now, updated_at: now });
  const session = await insertSession(trx, {
    orgId: user.org_id,
    userId: user.id,
    now,
    enrolmentOnly: options.enrolmentOnly ?? false,
    // The sessions list shows the device, address and place of the sign-in that opened it.
    signInAttemptId: recorded.id,
  });
  return { user: { ...user, last_login_at: now }, session, recorded };
}

async function checkCredentials(user: UserRow | undefined, password: string): Promise<Refusal | undefined> {
  if (!user) {
    await verifyAgainstDummy(password);
    return { reason: 'unknown_account', error: invalidCredentials(), guess: true };
  }
  if (!user.password_hash) {
    await verifyAgainstDummy(password);
    return { reason: 'invitation_pending', error: invalidCredentials(), guess: true };
  }
  const matches = await verifyPassword(user.password_hash, password);
  if (user.status === 'deactivated') {
    // Only someone who knows the password learns that the account is deactivated.
    const error = matches
      ? new AppError(403, 'account-deactivated', 'Account deactivated', 'Ask an owner of your organization.')
      : invalidCredentials();
    // The right password for a deactivated account is not a guess: counting it would keep
    // the user locked out for a window after an owner reactivates them.
    return { reason: 'deactivated', error, guess: !matches };
  }
  return matches ? undefined : { reason: 'invalid_password', error: invalidCredentials(), guess: true };
}
