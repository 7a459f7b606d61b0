import { describe, expect, it } from 'vitest';
import { normalizeIp } from './client-ip.ts';

describe('normalizeIp', () => {
  it('unwraps IPv4-mapped IPv6, as dual-stack sockets report IPv4 clients', () => {
    expect(normalizeIp('::ffff:1.2.3.4')).toBe('1.2.3.4');
    expect(normalizeIp('::FFFF:203.0.113.9')).toBe('203.0.113.9');
    expect(normalizeIp('::ffff:0102:0304')).toBe('1.2.3.4');
    expect(normalizeIp('0:0:0:0:0:ffff:10.0.0.1')).toBe('10.0.0.1');
  });

  it('keeps dotted-quad IPv4 as it is, minus surrounding whitespace', () => {
    expect(normalizeIp('8.8.8.8')).toBe('8.8.8.8');
    expect(normalizeIp('  192.168.1.1\n')).toBe('192.168.1.1');
  });

  it('writes IPv6 in RFC 5952 form: lowercase, leading zeros dropped, longest zero run compressed', () => {
    expect(normalizeIp('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(normalizeIp('2001:0db8:0000:0000:0001:0000:0000:0001')).toBe('2001:db8::1:0:0:1');
    expect(normalizeIp('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(normalizeIp('::')).toBe('::');
    expect(normalizeIp('2A00:1450:4001:0829:0000:0000:0000:200E')).toBe('2a00:1450:4001:829::200e');
  });

  it('drops the brackets of an IPv6 literal and keeps a zone id', () => {
    expect(normalizeIp('[::1]')).toBe('::1');
    expect(normalizeIp('[2001:db8::0001]')).toBe('2001:db8::1');
    expect(normalizeIp('fe80::0001%eth0')).toBe('fe80::1%eth0');
  });

  it('returns anything unparsable trimmed but otherwise untouched', () => {
    expect(normalizeIp('  not an ip ')).toBe('not an ip');
    expect(normalizeIp('')).toBe('');
    expect(normalizeIp('1.2.3.4:8080')).toBe('1.2.3.4:8080');
    expect(normalizeIp('1.2.3.256')).toBe('1.2.3.256');
    expect(normalizeIp('[1.2.3.4]')).toBe('[1.2.3.4]');
    expect(normalizeIp('2001:db8::g')).toBe('2001:db8::g');
  });

  it('refuses the non-dotted-quad IPv4 spellings that would alias another address', () => {
    expect(normalizeIp('127.1')).toBe('127.1');
    expect(normalizeIp('010.0.0.1')).toBe('010.0.0.1');
    expect(normalizeIp('0x7f.0.0.1')).toBe('0x7f.0.0.1');
    expect(normalizeIp('2130706433')).toBe('2130706433');
  });
});
