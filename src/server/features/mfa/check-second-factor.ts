import type { Db } from '../../db/database.ts';
import { advanceTotpStep, findTotpFactor, markRecoveryCodeUsed, type UserRef } from './mfa.repository.ts';
import { hashRecoveryCode, normalizeRecoveryCode } from './recovery-codes.ts';
import { acceptedTotpStep } from './totp.ts';

/**
 * Checks a 6-digit code against the confirmed app (±1 step of 30 s); the step of an accepted code,
 * and every earlier one, is refused afterwards (a replay); success stores the step. Two requests
 * with codes of one step race on a conditional UPDATE: one wins.
 */
export async function checkTotpCode(trx: Db, user: UserRef, code: string, now: number): Promise<boolean> {
  const factor = await findTotpFactor(trx, user);
  if (!factor || factor.confirmed_at === null) return false;
  const lastUsed = factor.last_used_step === null ? null : Number(factor.last_used_step);
  const step = acceptedTotpStep(factor.secret, code, now, lastUsed);
  if (step === undefined) return false;
  return advanceTotpStep(trx, user, step);
}

/** Marks an unused recovery code used; false when it matches none (or was used, also in parallel). */
export async function spendRecoveryCode(trx: Db, user: UserRef, code: string, now: number): Promise<boolean> {
  const normalized = normalizeRecoveryCode(code);
  if (normalized.length === 0 || normalized.length > 64) return false;
  return markRecoveryCodeUsed(trx, user, hashRecoveryCode(normalized), now);
}
