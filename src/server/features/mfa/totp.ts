import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
const ISSUER = 'Seatkeeper';

function totpOf(secret: string, label = ''): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** A new random secret (160 bits, the size RFC 4226 recommends), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** otpauth://totp/Seatkeeper:<email>?secret=…&issuer=Seatkeeper&algorithm=SHA1&digits=6&period=30 */
export function totpUrl(secret: string, email: string): string {
  return totpOf(secret, email).toString();
}

/** The 30-second step `now` (epoch ms) falls in. */
export function totpStep(now: number): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The step a code belongs to, when it is the code of the current step or of the one just before
 * or after (clocks drift; a code typed at the end of its step arrives in the next), and later than
 * `lastUsedStep`: a code of an accepted step, or of an earlier one, is a replay. Undefined otherwise.
 */
export function acceptedTotpStep(
  secret: string,
  code: string,
  now: number,
  lastUsedStep: number | null,
): number | undefined {
  const token = code.replace(/\s/g, '');
  if (!/^[0-9]{6}$/.test(token)) return undefined;
  const delta = totpOf(secret).validate({ token, timestamp: now, window: 1 });
  if (delta === null) return undefined;
  const step = totpStep(now) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return undefined;
  return step;
}
