import { describe, expect, it } from 'vitest';
import { anonymiseAddressesIn, anonymiseIp, isAnonymisable } from './anonymise-ip.ts';

describe('anonymiseIp', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0'],
    ['203.0.113.0', '203.0.113.0'],
    ['10.1.2.255', '10.1.2.0'],
    ['2001:db8:1234:5678:9abc:def0:1234:5678', '2001:db8:1234::'],
    ['2001:db8:1234::1', '2001:db8:1234::'],
    ['2001:db8::1', '2001:db8::'],
    ['2001:0DB8:00AB:0000:0000:0000:0000:0001', '2001:db8:ab::'],
    ['::1', '::'],
    ['fe80::1%eth0', 'fe80::'],
    ['[2001:db8:1234:5678::1]', '2001:db8:1234::'],
    ['::ffff:198.51.100.23', '198.51.100.0'],
    ['::ffff:c633:6417', '198.51.100.0'],
  ])('%s → %s', (ip, expected) => {
    expect(anonymiseIp(ip)).toBe(expected);
  });

  it.each(['', 'unknown', '300.1.2.3', '1.2.3', '010.1.2.3', 'not:an:address', '2001:db8::1::2', 'x'.repeat(64)])(
    'leaves %j (not an address) unchanged',
    (text) => {
      expect(anonymiseIp(text)).toBe(text);
      expect(isAnonymisable(text)).toBe(false);
    },
  );

  it('is idempotent', () => {
    for (const ip of ['203.0.113.77', '2001:db8:1234:5678::1', '::ffff:198.51.100.23', '::1', 'nope']) {
      const once = anonymiseIp(ip);
      expect(anonymiseIp(once)).toBe(once);
      expect(isAnonymisable(once)).toBe(false);
    }
  });
});

describe('anonymiseAddressesIn', () => {
  it('cuts every address in a sentence, leaving punctuation, times and versions alone', () => {
    expect(
      anonymiseAddressesIn(
        'Someone tried from 203.0.113.77 (Berlin) at 10:42:07 with app 1.2.3, then from 2001:db8:1234:5678::9. Then ip:198.51.100.4.',
      ),
    ).toBe(
      'Someone tried from 203.0.113.0 (Berlin) at 10:42:07 with app 1.2.3, then from 2001:db8:1234::. Then ip:198.51.100.0.',
    );
  });

  it('keeps JSON valid and cuts the addresses in it', () => {
    const json = JSON.stringify([
      { flag: 'new_country', explanation: 'First sign-in from 203.0.113.77.', distanceKm: 12.5, ip: '2001:db8:1:2::3' },
    ]);
    const cut = anonymiseAddressesIn(json);
    expect(JSON.parse(cut)).toEqual([
      { flag: 'new_country', explanation: 'First sign-in from 203.0.113.0.', distanceKm: 12.5, ip: '2001:db8:1::' },
    ]);
    expect(anonymiseAddressesIn(cut)).toBe(cut);
  });
});
