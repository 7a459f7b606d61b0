import QRCode from 'qrcode';
import type { RecoveryCodes, TotpEnrolment } from '../../../contract/mfa.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError, tooManyRequests } from '../../lib/app-error.ts';
import { findUserById } from '../users/index.ts';
import {
  confirmPendingTotp,
  countUnusedRecoveryCodes,
  deleteTotpFactor,
  findTotpFactor,
  liftEnrolmentOnly,
  type UserRef,
  upsertPendingTotp,
} from './mfa.repository.ts';
import { issueRecoveryCodes } from './recovery-codes.ts';
import { dropRecoveryCodesWithoutFactor } from './second-factors.ts';
import { acceptedTotpStep, newTotpSecret, totpUrl } from './totp.ts';

const totpAlreadyEnabled = () =>
  new AppError(
    409,
    'totp-already-enabled',
    'Authenticator app already set up',
    'Remove the authenticator app first to set up another one.',
  );

/** Starts (or restarts) setting up an authenticator app: a new secret, not asked for until confirmed. */
export async function startTotpEnrolment(deps: AppDeps, user: UserRef): Promise<TotpEnrolment> {
  const db = deps.database.db;
  const row = await findUserById(db, user.orgId, user.userId);
  if (!row) throw new AppError(404, 'not-found', 'User not found');
  const secret = newTotpSecret();
  if (!(await upsertPendingTotp(db, user, secret, deps.now()))) throw totpAlreadyEnabled();
  const otpauthUrl = totpUrl(secret, row.email);
  const qrCodeSvg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUrl, qrCodeSvg };
}

/**
 * Confirms the app with a first code. Codes are guesses like passwords: each one takes a turn
 * from the sign-in throttle (the user's email and the client's address); a right code gives it
 * back and clears the account's count. The user's first factor brings ten recovery codes
 * (answered once); a user who still holds unused codes keeps them and gets [].
 */
export async function confirmTotp(
  deps: AppDeps,
  user: UserRef,
  code: string,
  client: { ip: string; sessionIdHash: string },
): Promise<RecoveryCodes> {
  const db = deps.database.db;
  const row = await findUserById(db, user.orgId, user.userId);
  if (!row) throw new AppError(404, 'not-found', 'User not found');
  const reservation = await deps.throttle.reserve({ email: row.email_normalized, ip: client.ip });
  if (!reservation.granted) throw tooManyCodes(reservation.retryAfterMs);
  let outcome: { ok: true; codes: RecoveryCodes } | { ok: false; error: AppError };
  try {
    outcome = await db.transaction().execute(async (trx) => {
      const now = deps.now();
      const factor = await findTotpFactor(trx, user);
      if (!factor) {
        return { ok: false, error: new AppError(409, 'no-totp-enrolment', 'No authenticator app being set up') };
      }
      if (factor.confirmed_at !== null) return { ok: false, error: totpAlreadyEnabled() };
      const step = acceptedTotpStep(factor.secret, code, now, null);
      if (step === undefined || !(await confirmPendingTotp(trx, user, factor.secret, step, now))) {
        return { ok: false, error: invalidCode() };
      }
      const recoveryCodes =
        (await countUnusedRecoveryCodes(trx, user)) === 0 ? await issueRecoveryCodes(trx, user, now) : [];
      await liftEnrolmentOnly(trx, user, client.sessionIdHash);
      return { ok: true, codes: { recoveryCodes } };
    });
  } catch (error) {
    await reservation.release();
    throw error;
  }
  if (!outcome.ok) {
    // Only a wrong code is a guess; a missing or finished enrolment gives its turn back.
    if (outcome.error.code !== 'invalid-code') await reservation.release();
    throw outcome.error;
  }
  await reservation.succeed();
  return outcome.codes;
}

/** Removes the authenticator app (confirmed or being set up); the last factor takes the recovery codes with it. */
export async function removeTotp(deps: AppDeps, user: UserRef): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const removed = await deleteTotpFactor(trx, user);
    if (removed === 0) throw new AppError(404, 'not-found', 'No authenticator app set up');
    await dropRecoveryCodesWithoutFactor(trx, user);
  });
}

export const invalidCode = () =>
  new AppError(
    400,
    'invalid-code',
    'Wrong code',
    'The code does not match. Type the six digits the app shows now; if it keeps failing, check the phone’s clock.',
  );

export function tooManyCodes(retryAfterMs: number): AppError {
  return tooManyRequests(
    'too-many-attempts',
    'Too many sign-in attempts',
    (wait) => `Too many wrong codes or passwords for this account. Try again in ${wait}.`,
    retryAfterMs,
  );
}
