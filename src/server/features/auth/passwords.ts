import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../../http/errors.ts';

/** NIST SP 800-63B: at least 8 characters, long passphrases allowed, no composition rules. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

// The library's defaults are argon2id, m=19 MiB, t=2, p=1 (OWASP's recommended minimum), ~17 ms here.
// (Its Algorithm enum is a const enum that isolated modules cannot import; the test checks the $argon2id$ prefix.)

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, so that an unknown email cannot be
 * told apart from a wrong password by the answer's latency.
 */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('dummy password that matches nothing');
  await verifyPassword(await dummyHash, password);
}

let commonPasswords: Set<string> | undefined;

function isCommonPassword(password: string): boolean {
  // ~49k passwords from breach corpora (zxcvbn-ts, MIT); only those long enough to pass the length rule matter.
  commonPasswords ??= new Set(
    (dictionary['passwords-common'] as string[]).filter((entry) => entry.length >= PASSWORD_MIN_LENGTH),
  );
  return commonPasswords.has(password.toLowerCase());
}

/** Throws a 400 `weak-password` problem that says which rule the password breaks. */
export function assertAcceptablePassword(password: string, context: { email?: string; name?: string } = {}): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    throw weak(`Use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${length}).`);
  }
  if (length > PASSWORD_MAX_LENGTH) throw weak(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  if (isCommonPassword(password)) {
    throw weak('This password appears in lists of commonly used passwords; choose another.');
  }
  const lowered = password.toLowerCase();
  const emailName = context.email?.split('@')[0]?.toLowerCase();
  if (emailName && emailName.length >= 4 && lowered.includes(emailName)) {
    throw weak('The password must not contain your email address.');
  }
}

function weak(detail: string): AppError {
  return new AppError(400, 'weak-password', 'Password not accepted', detail);
}
