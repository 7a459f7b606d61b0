import { randomInt } from 'node:crypto';

/**
 * The code a user types on /device (RFC 8628 §6.1): 8 letters from 20 consonants that cannot be mistaken for
 * one another or for digits, and spell no words: 20^8 ≈ 2.6·10^10 codes, of which a few live at once for 10
 * minutes, and only signed-in users may try them.
 */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
export const USER_CODE_LENGTH = 8;

/** A new code as stored: 8 letters, no dash. */
export function createUserCode(): string {
  let code = '';
  for (let index = 0; index < USER_CODE_LENGTH; index++)
    code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

/** As shown to the user: XXXX-XXXX. */
export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * What the user typed, as stored: case, dashes and spaces ignored. Undefined when it cannot be a code at all
 * (wrong length, a letter outside the alphabet), so the lookup is not even tried.
 */
export function normalizeUserCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== USER_CODE_LENGTH) return undefined;
  for (const letter of code) if (!USER_CODE_ALPHABET.includes(letter)) return undefined;
  return code;
}
