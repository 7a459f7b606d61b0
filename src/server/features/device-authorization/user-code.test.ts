import { describe, expect, it } from 'vitest';
import { createUserCode, formatUserCode, normalizeUserCode, USER_CODE_ALPHABET } from './user-code.ts';

describe('user codes', () => {
  it('are 8 letters of the unambiguous alphabet, spread over all of it', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 500; index++) {
      const code = createUserCode();
      expect(code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{8}$/);
      for (const letter of code) seen.add(letter);
    }
    expect([...seen].sort().join('')).toBe(USER_CODE_ALPHABET);
  });

  it('are shown with a dash and read back however the user typed them', () => {
    expect(formatUserCode('BCDFGHJK')).toBe('BCDF-GHJK');
    for (const typed of ['BCDF-GHJK', 'bcdf-ghjk', ' bcdf ghjk ', 'BCDFGHJK']) {
      expect(normalizeUserCode(typed)).toBe('BCDFGHJK');
    }
  });

  it('refuses what cannot be a code', () => {
    for (const typed of ['', 'BCDF-GHJ', 'BCDF-GHJKL', 'ABCD-EFGH', 'BCDF-GHJ1', 'BCDF_GHJK', 'ẞCDF-GHJK']) {
      expect(normalizeUserCode(typed)).toBeUndefined();
    }
  });
});
