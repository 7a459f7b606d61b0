import { describe, expect, it } from 'vitest';
import { countryFlag } from './country-flag';

describe('countryFlag', () => {
  it('turns a two-letter code into regional-indicator symbols, any case', () => {
    expect(countryFlag('DE')).toBe('🇩🇪');
    expect(countryFlag('us')).toBe('🇺🇸');
  });

  it('gives nothing for missing or malformed codes', () => {
    expect(countryFlag(null)).toBe('');
    expect(countryFlag('DEU')).toBe('');
    expect(countryFlag('1A')).toBe('');
  });
});
