import { describe, expect, it } from 'vitest';
import { countActiveFilters, readSignInFilters, writeSignInFilters } from './sign-in-filters';
import { emptySignInFilters, type SignInFilters } from './sign-ins.types';

const USER = '0b6f3c1e-6a53-4bfa-9f4e-2d2f8c1a7e10';

describe('readSignInFilters', () => {
  it('reads every filter from the address', () => {
    const params = new URLSearchParams(
      `user=${USER}&ip=81.2.69.0/24&app=console&outcome=failure&failureReason=invalid_password&country=gb&deviceType=mobile&from=2026-11-01&to=2026-11-30`,
    );
    expect(readSignInFilters(params)).toEqual<SignInFilters>({
      user: USER,
      ip: '81.2.69.0/24',
      app: 'console',
      outcome: 'failure',
      failureReason: 'invalid_password',
      country: 'GB',
      deviceType: 'mobile',
      range: ['2026-11-01', '2026-11-30'],
    });
  });

  it('drops values the API would refuse instead of sending them', () => {
    const params = new URLSearchParams(
      'outcome=maybe&failureReason=bad_luck&country=GBR&deviceType=toaster&from=yesterday&to=2026-13&ip=%20%20',
    );
    expect(readSignInFilters(params)).toEqual(emptySignInFilters);
    expect(readSignInFilters(new URLSearchParams(`ip=${'1'.repeat(65)}`)).ip).toBeNull();
  });

  it('keeps a malformed address as typed, for the server to explain', () => {
    expect(readSignInFilters(new URLSearchParams('ip=10.0.0.0/99')).ip).toBe('10.0.0.0/99');
  });
});

describe('writeSignInFilters', () => {
  it('round-trips through the address and keeps the open drawer', () => {
    const filters: SignInFilters = {
      ...emptySignInFilters,
      user: USER,
      ip: '2001:db8::/32',
      outcome: 'success',
      range: ['2026-11-01', null],
    };
    const written = writeSignInFilters(new URLSearchParams('signIn=42&outcome=failure&country=DE'), filters);
    expect(written.get('signIn')).toBe('42');
    expect(written.has('country')).toBe(false);
    expect(written.has('to')).toBe(false);
    expect(readSignInFilters(new URLSearchParams(written.toString()))).toEqual(filters);
  });

  it('leaves no empty parameters behind', () => {
    const written = writeSignInFilters(new URLSearchParams('ip=1.2.3.4&user=x'), { ...emptySignInFilters, ip: '  ' });
    expect(written.toString()).toBe('');
  });
});

describe('countActiveFilters', () => {
  it('counts each filter once, the date range as one', () => {
    expect(countActiveFilters(emptySignInFilters)).toBe(0);
    expect(
      countActiveFilters({
        ...emptySignInFilters,
        ip: '10.0.0.0/8',
        outcome: 'failure',
        range: ['2026-11-01', '2026-11-02'],
      }),
    ).toBe(3);
  });
});
