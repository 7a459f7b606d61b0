import { randomInt } from 'node:crypto';
import { RECOVERY_CODE_COUNT } from '../../../contract/mfa.ts';
import type { Db } from '../../db/database.ts';
import { hashToken } from '../../lib/secure-token.ts';
import { deleteRecoveryCodes, insertRecoveryCodes, type UserRef } from './mfa.repository.ts';

/** Lower-case letters and digits without the look-alikes (0/o, 1/l/i): 31 symbols, ~4.95 bits each. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** Two groups of five: ~49.5 bits per code, against a throttled online guess. */
const GROUP_LENGTH = 5;

/** Ten new codes, xxxxx-xxxxx, to show the user once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${randomGroup()}-${randomGroup()}`);
}

function randomGroup(): string {
  let group = '';
  for (let i = 0; i < GROUP_LENGTH; i += 1) group += ALPHABET[randomInt(ALPHABET.length)];
  return group;
}

/** As typed or pasted: case, spaces and dashes do not matter ("ABCDE FGHJK" = "abcde-fghjk"). */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/** What is stored: sha256 of the normalised code (base64url), never the code. */
export function hashRecoveryCode(code: string): string {
  return hashToken(normalizeRecoveryCode(code));
}

/** Replaces the user's recovery codes with ten new ones (in the caller's transaction); answers them, once. */
export async function issueRecoveryCodes(trx: Db, user: UserRef, now: number): Promise<string[]> {
  const codes = newRecoveryCodes();
  await deleteRecoveryCodes(trx, user);
  await insertRecoveryCodes(trx, user, codes.map(hashRecoveryCode), now);
  return codes;
}
