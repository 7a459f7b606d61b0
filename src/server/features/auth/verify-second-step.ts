import type { SecondFactor, StepReason } from '../../../contract/activity.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import { attemptBuilder } from '../activity/index.ts';
import { checkPasskeyAnswer, checkTotpCode, spendRecoveryCode } from '../mfa/index.ts';
import { findUserById } from '../users/index.ts';
import { issueDeviceCredential } from './device-credential.ts';
import { guardPasswordCheck, openConsoleSession } from './sign-in.ts';
import { findLiveChallenge, useChallenge } from './sign-in-challenges.repository.ts';

export interface SecondStepInput {
  challenge: string;
  /** Six digits from the authenticator app, or a recovery code. */
  code?: string | undefined;
  /** A passkey's answer (AuthenticationResponseJSON) to the challenge's passkeyOptions. */
  passkey?: Record<string, unknown> | undefined;
  deviceCredential?: string | undefined;
}

const challengeInvalid = () =>
  new AppError(
    401,
    'sign-in-challenge-invalid',
    'Sign in again',
    'This sign-in step has expired or was already used. Enter your email and password again.',
  );

/** Wrong, replayed or expired: one answer, so a guesser learns nothing from it. */
const wrongFactor = (factor: SecondFactor) =>
  new AppError(
    401,
    'invalid-second-factor',
    'Wrong code',
    factor === 'passkey'
      ? 'That passkey could not be verified. Try again, or use a code.'
      : 'That code is wrong or was already used. Enter the current code from your authenticator app, or a recovery code.',
  );

/**
 * The second step of a console sign-in (POST /auth/login/verify). The answer is checked under the
 * same throttle as passwords (a wrong code is a guess, recorded as invalid_second_factor); a right
 * one spends the challenge and opens the session in one transaction, the attempt recording which
 * factor was used and why it was asked.
 */
export async function verifySecondStep(deps: AppDeps, client: ClientContext, input: SecondStepInput) {
  const db = deps.database.db;
  const pending = await findLiveChallenge(db, input.challenge, deps.now());
  if (!pending) throw challengeInvalid();
  const user = await findUserById(db, pending.org_id, pending.user_id);
  if (user?.status !== 'active') throw challengeInvalid();
  const ref = { orgId: user.org_id, userId: user.id };
  const code = input.code?.replace(/\s+/g, '') ?? '';
  if (!input.passkey && !code) {
    throw new AppError(400, 'second-factor-missing', 'Code missing', 'Send a code or a passkey’s answer.');
  }
  const factor: SecondFactor = input.passkey ? 'passkey' : /^\d{6}$/.test(code) ? 'totp' : 'recovery_code';
  const secondStep = { factor, reason: pending.reason as StepReason };
  const attempt = attemptBuilder(
    deps.now,
    { orgId: user.org_id, userId: user.id, email: user.email_normalized },
    { client: 'console', secondStep },
  );
  const target = { email: user.email_normalized, user, deviceCredential: input.deviceCredential };
  await guardPasswordCheck(deps, client, target, attempt, async () => {
    const now = deps.now();
    const right =
      factor === 'passkey'
        ? pending.webauthn_challenge !== null &&
          (await checkPasskeyAnswer(db, deps, ref, input.passkey ?? {}, pending.webauthn_challenge, now))
        : factor === 'totp'
          ? await checkTotpCode(db, ref, code, now)
          : await spendRecoveryCode(db, ref, code, now);
    return right ? undefined : { reason: 'invalid_second_factor', error: wrongFactor(factor), guess: true };
  });
  const now = deps.now();
  const deviceCredential = await issueDeviceCredential(db, user, now);
  const result = await db.transaction().execute(async (trx) => {
    if (!(await useChallenge(trx, pending.id_hash, now))) throw challengeInvalid();
    return openConsoleSession(trx, deps, client, user, attempt({ occurredAt: now }));
  });
  return { ...result, deviceCredential };
}
