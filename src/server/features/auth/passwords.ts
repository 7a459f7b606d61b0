import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import {
  findPasswordProblem,
  normalizePassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordContext,
} from '../../../common/password-rules.ts';
import { AppError } from '../../lib/app-error.ts';

/**
 * NIST SP 800-63B: at least 8 characters, long passphrases allowed, no composition rules; the
 * rules themselves live in src/common/password-rules.ts, where the console checks them too.
 */
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordContext };

// The library's defaults are argon2id, m=19 MiB, t=2, p=1 (OWASP's recommended minimum), ~17 ms here.
// (Its Algorithm enum is a const enum that isolated modules cannot import; the test checks the $argon2id$ prefix.)

/** Hashes the NFKC form (800-63B), so a composed and a decomposed `é` are the same password. */
export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password));
}

/**
 * Verifies the NFKC form; hashes stored before passwords were normalised hold the bytes as typed,
 * so when normalising changed the password, the typed form is tried as well.
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const normalized = normalizePassword(password);
  if (await verifyOne(passwordHash, normalized)) return true;
  return normalized !== password && (await verifyOne(passwordHash, password));
}

async function verifyOne(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification (one or two argon2 runs, as verifyPassword), so that
 * an unknown email cannot be told apart from a wrong password by the answer's latency.
 */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('dummy password that matches nothing');
  await verifyPassword(await dummyHash, password);
}

let commonPasswords: Set<string> | undefined;

/** ~49k passwords from breach corpora (zxcvbn-ts, MIT), lower case; words of 4+ characters, as the rules ask. */
export function isCommonPassword(word: string): boolean {
  commonPasswords ??= new Set((dictionary['passwords-common'] as string[]).filter((entry) => [...entry].length >= 4));
  return commonPasswords.has(word.toLowerCase());
}

/** Throws a 400 `weak-password` problem that says which rule the password breaks. */
export function assertAcceptablePassword(password: string, context: PasswordContext = {}): void {
  const problem = findPasswordProblem(password, context, { isCommon: isCommonPassword });
  if (problem) throw new AppError(400, 'weak-password', 'Password not accepted', problem.detail);
}
