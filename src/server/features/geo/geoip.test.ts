import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_ASN_DB, FIXTURE_CITY_DB, MAXMIND_TEST_DATA_DIR } from '../../../../test/helpers/fixtures.ts';
import { BUNDLED_CITY_SOURCE, type GeoIp, openGeoIp } from './geoip.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
// MaxMind's test databases, shipped in the repository under test/fixtures/maxmind-test-data.
const fixturesDir = MAXMIND_TEST_DATA_DIR;
const cityDb = FIXTURE_CITY_DB;
const asnDb = FIXTURE_ASN_DB;

/** Reading the two bundled DB-IP files (~135 MB) takes a second or two on CI's 2 cores. */
const OPEN_TIMEOUT_MS = 60_000;

/** The MaxMind test data's JSON source: a list of one-key objects, network CIDR -> record. */
type SourceRecord = {
  country?: { iso_code?: string; names?: { en?: string } };
  subdivisions?: { names?: { en?: string } }[];
  city?: { names?: { en?: string } };
  location?: { latitude?: number; longitude?: number };
  autonomous_system_number?: number;
  autonomous_system_organization?: string;
};

function sourceRecord(file: string, network: string): SourceRecord {
  const entries = JSON.parse(readFileSync(path.join(fixturesDir, file), 'utf8')) as Record<string, SourceRecord>[];
  const record = entries.find((entry) => network in entry)?.[network];
  if (!record) throw new Error(`${network} not found in ${file}`);
  return record;
}

const PRIVATE_AND_SPECIAL = [
  '10.0.0.1',
  '192.168.1.1',
  '172.16.5.4',
  '127.0.0.1',
  '169.254.1.1',
  '100.64.0.1',
  '0.0.0.0',
  '255.255.255.255',
  '224.0.0.1',
  '192.0.2.1',
  '::1',
  '::',
  'fe80::1',
  'fe80::1%eth0',
  'fc00::1',
  'fd12:3456::1',
  'ff02::1',
  '2001:db8::1',
  '::ffff:10.0.0.1',
];

const GARBAGE = ['', '   ', 'not-an-ip', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1.2.3.4:80', '127.1', '010.8.8.8', ':::1'];

describe('openGeoIp with MaxMind GeoIP2-City and GeoLite2-ASN test databases', () => {
  let geo: GeoIp;

  beforeAll(async () => {
    geo = await openGeoIp({ cityDb, asnDb });
  });

  afterAll(() => geo?.close());

  it('names the operator file as its source', () => {
    expect(geo.source).toBe(cityDb);
  });

  it('places 81.2.69.142 in London, England, GB with the coordinates of the source data', () => {
    const expected = sourceRecord('GeoIP2-City-Test.json', '::81.2.69.142/127');
    expect(geo.lookup('81.2.69.142')).toEqual({
      countryCode: expected.country?.iso_code,
      country: expected.country?.names?.en,
      region: expected.subdivisions?.[0]?.names?.en,
      city: expected.city?.names?.en,
      latitude: expected.location?.latitude,
      longitude: expected.location?.longitude,
      asn: null,
      asOrganization: null,
    });
    expect(geo.lookup('81.2.69.142')).toMatchObject({ countryCode: 'GB', city: 'London', region: 'England' });
  });

  it('looks up IPv6 and IPv4-mapped IPv6 addresses', () => {
    const expected = sourceRecord('GeoIP2-City-Test.json', '2001:480:10::/48');
    expect(geo.lookup('2001:480:10::1')).toMatchObject({
      countryCode: 'US',
      country: expected.country?.names?.en,
      region: expected.subdivisions?.[0]?.names?.en,
      city: expected.city?.names?.en,
      latitude: expected.location?.latitude,
      longitude: expected.location?.longitude,
    });
    expect(geo.lookup('::ffff:81.2.69.142')).toMatchObject({ countryCode: 'GB', city: 'London' });
    expect(geo.lookup('  2001:480:10::1  ')).toMatchObject({ city: 'San Diego' });
  });

  it('returns a country-only record with nulls for what the database does not say', () => {
    // 2001:218::/32 is JP in the test data, with coordinates but no subdivision or city.
    expect(geo.lookup('2001:218::1')).toMatchObject({ countryCode: 'JP', country: 'Japan', region: null, city: null });
  });

  it('adds the AS number and organisation from the ASN database', () => {
    const telstra = sourceRecord('GeoLite2-ASN-Test.json', '1.128.0.0/11');
    expect(geo.lookup('1.128.0.1')).toMatchObject({
      asn: telstra.autonomous_system_number,
      asOrganization: telstra.autonomous_system_organization,
    });
    const akamai = sourceRecord('GeoLite2-ASN-Test.json', '2600:1400::/27');
    expect(geo.lookup('2600:1400::1')).toMatchObject({
      asn: akamai.autonomous_system_number,
      asOrganization: akamai.autonomous_system_organization,
    });
    // Both databases know 89.160.20.112: Linköping, and Bredband2's AS.
    const bredband = sourceRecord('GeoLite2-ASN-Test.json', '89.160.20.112/29');
    expect(geo.lookup('89.160.20.112')).toMatchObject({
      countryCode: 'SE',
      city: 'Linköping',
      asn: bredband.autonomous_system_number,
      asOrganization: bredband.autonomous_system_organization,
    });
  });

  it('returns null for private, loopback, link-local and other special addresses', () => {
    for (const ip of PRIVATE_AND_SPECIAL) expect(geo.lookup(ip), ip).toBeNull();
  });

  it('returns null for a public address neither database knows', () => {
    expect(geo.lookup('8.8.8.8')).toBeNull();
    expect(geo.lookup('2a03:2880::1')).toBeNull();
  });

  it('returns null for garbage instead of throwing', () => {
    for (const ip of GARBAGE) expect(geo.lookup(ip), ip).toBeNull();
    expect(geo.lookup(undefined as unknown as string)).toBeNull();
    expect(geo.lookup('x'.repeat(10_000))).toBeNull();
  });

  it('finds nothing after close(), without affecting other instances', async () => {
    const other = await openGeoIp({ cityDb, asnDb });
    other.close();
    expect(other.lookup('81.2.69.142')).toBeNull();
    expect(geo.lookup('81.2.69.142')).not.toBeNull();
  });

  it(
    'works with only an ASN database on top of the bundled city data',
    async () => {
      const withAsn = await openGeoIp({ asnDb });
      try {
        expect(withAsn.source).toBe(BUNDLED_CITY_SOURCE);
        expect(withAsn.lookup('1.128.0.1')).toMatchObject({ countryCode: 'AU', asn: 1221 });
      } finally {
        withAsn.close();
      }
    },
    OPEN_TIMEOUT_MS,
  );
});

describe('openGeoIp with files the operator got wrong', () => {
  it('names GEOIP_CITY_DB and the path when the city file is missing', async () => {
    const missing = path.join(repoRoot, 'no-such-dir', 'GeoLite2-City.mmdb');
    await expect(openGeoIp({ cityDb: missing })).rejects.toThrow(/GEOIP_CITY_DB/);
    await expect(openGeoIp({ cityDb: missing })).rejects.toThrow(missing);
  });

  it('names GEOIP_ASN_DB and the path when the ASN file is missing', async () => {
    const missing = path.join(repoRoot, 'no-such-dir', 'GeoLite2-ASN.mmdb');
    await expect(openGeoIp({ asnDb: missing })).rejects.toThrow(/GEOIP_ASN_DB.*no-such-dir/);
  });

  it('names GEOIP_CITY_DB when the file is not an MMDB at all', async () => {
    const notMmdb = fileURLToPath(import.meta.url);
    await expect(openGeoIp({ cityDb: notMmdb })).rejects.toThrow(/GEOIP_CITY_DB.*not a MaxMind DB/);
  });
});

describe('openGeoIp with the bundled DB-IP City Lite database', () => {
  let geo: GeoIp;

  beforeAll(async () => {
    geo = await openGeoIp({});
  }, OPEN_TIMEOUT_MS);

  afterAll(() => geo?.close());

  it('labels itself for the CC BY 4.0 attribution', () => {
    expect(geo.source).toBe('DB-IP City Lite');
  });

  it('places Google Public DNS (8.8.8.8) in the US and fills the flat record shape', () => {
    const location = geo.lookup('8.8.8.8');
    expect(location).toMatchObject({ countryCode: 'US', country: 'United States', asn: null, asOrganization: null });
    expect(location?.city).toEqual(expect.any(String));
    expect(location?.region).toEqual(expect.any(String));
    expect(location?.latitude).toBeGreaterThan(18);
    expect(location?.longitude).toBeLessThan(-60);
  });

  it('places Cloudflare DNS (1.1.1.1) in Australia (APNIC research prefix) and accepts IPv4-mapped IPv6', () => {
    expect(geo.lookup('1.1.1.1')).toMatchObject({ countryCode: 'AU', country: 'Australia' });
    expect(geo.lookup('::ffff:8.8.8.8')).toMatchObject({ countryCode: 'US' });
  });

  it('looks up IPv6 in the IPv6 file: Deutsche Telekom 2003::/19 is in Germany', () => {
    const location = geo.lookup('2003:e8:1234::1');
    expect(location).toMatchObject({ countryCode: 'DE', country: 'Germany' });
    expect(location?.latitude).toEqual(expect.any(Number));
  });

  it('returns null for private, special and garbage addresses', () => {
    for (const ip of [...PRIVATE_AND_SPECIAL, ...GARBAGE]) expect(geo.lookup(ip), ip).toBeNull();
  });
});
