import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from './recovery-codes.ts';

describe('recovery codes', () => {
  it('come ten at a time as xxxxx-xxxxx, all different, without look-alike characters', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it('match however they are typed: case, spaces and dashes do not matter', () => {
    const [code] = newRecoveryCodes() as [string];
    const hash = hashRecoveryCode(code);
    for (const typed of [
      code.toUpperCase(),
      code.replace('-', ''),
      ` ${code.replace('-', ' ')} `,
      code.replace('-', '--'),
    ]) {
      expect(normalizeRecoveryCode(typed)).toBe(code.replace('-', ''));
      expect(hashRecoveryCode(typed), typed).toBe(hash);
    }
    expect(hashRecoveryCode(`${code}x`)).not.toBe(hash);
  });

  it('are stored as a hash, never as typed', () => {
    const [code] = newRecoveryCodes() as [string];
    expect(hashRecoveryCode(code)).not.toContain(code.replace('-', ''));
    expect(hashRecoveryCode(code)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
