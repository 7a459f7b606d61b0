import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { acceptedTotpStep, newTotpSecret, TOTP_PERIOD_SECONDS, totpStep, totpUrl } from './totp.ts';

const STEP_MS = TOTP_PERIOD_SECONDS * 1000;
const secret = newTotpSecret();
/** The code an authenticator app shows at `at` (epoch ms). */
const app = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
const codeAt = (at: number) => app.generate({ timestamp: at });

describe('acceptedTotpStep', () => {
  // Mid-step and at both edges of step t: the window is whole steps, not ±30 s around now.
  const t = totpStep(Date.UTC(2026, 0, 15, 12, 0, 0));
  for (const [label, now] of [
    ['at the start of the step', t * STEP_MS],
    ['mid-step', t * STEP_MS + 15_000],
    ['at the last ms of the step', (t + 1) * STEP_MS - 1],
  ] as const) {
    it(`accepts the codes of steps t-1, t, t+1 and refuses t-2, t+2 (${label})`, () => {
      for (const delta of [-1, 0, 1]) {
        expect(acceptedTotpStep(secret, codeAt((t + delta) * STEP_MS), now, null), `t${delta}`).toBe(t + delta);
      }
      for (const delta of [-2, 2]) {
        expect(acceptedTotpStep(secret, codeAt((t + delta) * STEP_MS), now, null), `t${delta}`).toBeUndefined();
      }
    });
  }

  it('refuses a replay of the last accepted step, and an older step after a newer one', () => {
    const now = t * STEP_MS + 10_000;
    expect(acceptedTotpStep(secret, codeAt(now), now, t)).toBeUndefined();
    expect(acceptedTotpStep(secret, codeAt(now - STEP_MS), now, t)).toBeUndefined();
    expect(acceptedTotpStep(secret, codeAt(now + STEP_MS), now, t)).toBe(t + 1);
    expect(acceptedTotpStep(secret, codeAt(now), now, t - 1)).toBe(t);
  });

  it('takes the code with spaces as apps show it, and refuses anything but six digits', () => {
    const now = t * STEP_MS;
    const code = codeAt(now);
    expect(acceptedTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).toBe(t);
    expect(acceptedTotpStep(secret, `0${code}`, now, null)).toBeUndefined();
    expect(acceptedTotpStep(secret, code.slice(1), now, null)).toBeUndefined();
    expect(acceptedTotpStep(secret, 'abcdef', now, null)).toBeUndefined();
  });

  it('builds the otpauth URL apps scan: issuer Seatkeeper, the email as label, SHA1, 6 digits, 30 s', () => {
    const url = new URL(totpUrl(secret, 'ann@example.com'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Seatkeeper:ann@example.com');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      issuer: 'Seatkeeper',
      secret,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
