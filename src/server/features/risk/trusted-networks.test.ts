import { describe, expect, it } from 'vitest';
import { isTrustedAddress } from './trusted-networks.ts';

describe('trusted networks', () => {
  const office = [
    { cidr: '203.0.113.0/24', label: 'Office' },
    { cidr: '2001:db8:5::/48', label: 'Office v6' },
    { cidr: '198.51.100.7/32', label: 'VPN' },
  ];

  it('matches addresses inside a network, at its edges, and IPv4-mapped IPv6', () => {
    expect(isTrustedAddress('203.0.113.0', office)).toBe(true);
    expect(isTrustedAddress('203.0.113.255', office)).toBe(true);
    expect(isTrustedAddress('203.0.114.0', office)).toBe(false);
    expect(isTrustedAddress('203.0.112.255', office)).toBe(false);
    expect(isTrustedAddress('::ffff:203.0.113.9', office)).toBe(true);
    expect(isTrustedAddress('2001:db8:5:ffff::1', office)).toBe(true);
    expect(isTrustedAddress('2001:db8:6::1', office)).toBe(false);
    expect(isTrustedAddress('198.51.100.7', office)).toBe(true);
    expect(isTrustedAddress('198.51.100.8', office)).toBe(false);
  });

  it('matches nothing for addresses or networks it cannot read', () => {
    expect(isTrustedAddress('unknown', office)).toBe(false);
    expect(isTrustedAddress('203.0.113.9', [{ cidr: 'not a network' }])).toBe(false);
    expect(isTrustedAddress('203.0.113.9', [])).toBe(false);
  });
});
