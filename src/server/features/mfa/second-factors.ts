import type { MfaStatus } from '../../../contract/mfa.ts';
import type { Db } from '../../db/database.ts';
import { toIso } from '../../lib/time.ts';
import {
  countPasskeys,
  countUnusedRecoveryCodes,
  deleteRecoveryCodes,
  findPasskeys,
  findTotpFactor,
  type UserRef,
} from './mfa.repository.ts';

/** What a user has enrolled. */
export interface SecondFactors {
  /** A confirmed authenticator app. */
  totp: boolean;
  passkeys: number;
  /** Unused recovery codes. */
  recoveryCodesLeft: number;
}

export async function readSecondFactors(db: Db, user: UserRef): Promise<SecondFactors> {
  const [totp, passkeys, recoveryCodesLeft] = await Promise.all([
    findTotpFactor(db, user),
    countPasskeys(db, user),
    countUnusedRecoveryCodes(db, user),
  ]);
  return { totp: totp?.confirmed_at != null, passkeys, recoveryCodesLeft };
}

/** An authenticator app or a passkey: recovery codes alone are no factor. */
export function hasSecondFactor(factors: SecondFactors): boolean {
  return factors.totp || factors.passkeys > 0;
}

/** GET /me/mfa: the app's state, the passkeys, the codes left. */
export async function readMfaStatus(db: Db, user: UserRef): Promise<MfaStatus> {
  const [totp, passkeys, recoveryCodesLeft] = await Promise.all([
    findTotpFactor(db, user),
    findPasskeys(db, user),
    countUnusedRecoveryCodes(db, user),
  ]);
  const confirmedAt = totp?.confirmed_at ?? null;
  return {
    totp: { enabled: confirmedAt !== null, confirmedAt: toIso(confirmedAt) },
    passkeys: passkeys.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: toIso(row.created_at),
      lastUsedAt: toIso(row.last_used_at),
    })),
    recoveryCodesLeft,
  };
}

/**
 * Recovery codes stand in for a factor: once the last factor is gone they go too, so a user who
 * enrols again starts with fresh codes. Call it in the transaction that removed a factor.
 */
export async function dropRecoveryCodesWithoutFactor(trx: Db, user: UserRef): Promise<void> {
  const totp = await findTotpFactor(trx, user);
  if (totp?.confirmed_at != null) return;
  if ((await countPasskeys(trx, user)) > 0) return;
  await deleteRecoveryCodes(trx, user);
}
