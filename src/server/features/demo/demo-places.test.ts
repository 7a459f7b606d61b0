import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeoIp, openGeoIp } from '../geo/geoip.ts';
import { DEMO_ATTACKER_PLACES, DEMO_PLACES, type DemoPlace } from './demo-places.ts';

/** Reading the two bundled DB-IP files (~135 MB) takes a second or two on CI's 2 cores. */
const OPEN_TIMEOUT_MS = 60_000;

let geoIp: GeoIp;

beforeAll(async () => {
  geoIp = await openGeoIp({});
}, OPEN_TIMEOUT_MS);

afterAll(() => geoIp?.close());

function describePlaces(name: string, places: DemoPlace[]): void {
  describe(name, () => {
    it.each(places.map((place) => [place.label, place]))(
      '%s: every address resolves to its country, with a city',
      (_, place) => {
        for (const ip of place.ips) {
          const location = geoIp.lookup(ip);
          expect(location?.countryCode, ip).toBe(place.countryCode);
          expect(location?.city, ip).toEqual(expect.any(String));
        }
      },
    );

    it.each(places.map((place) => [place.label, place]))(
      '%s: 5 to 20 public IPv4 addresses, no repeats',
      (_, place) => {
        const ipv4 = place.ips.filter((ip) => !ip.includes(':'));
        expect(ipv4.length).toBeGreaterThanOrEqual(5);
        expect(ipv4.length).toBeLessThanOrEqual(20);
        expect(new Set(place.ips).size).toBe(place.ips.length);
        expect(place.weight).toBeGreaterThan(0);
      },
    );
  });
}

describePlaces('DEMO_PLACES', DEMO_PLACES);
describePlaces('DEMO_ATTACKER_PLACES', DEMO_ATTACKER_PLACES);

describe('demo place coverage', () => {
  it('spreads sign-ins over at least 10 places in at least 8 countries, with some IPv6', () => {
    expect(DEMO_PLACES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(DEMO_PLACES.map((place) => place.countryCode)).size).toBeGreaterThanOrEqual(8);
    expect(DEMO_PLACES.flatMap((place) => place.ips).filter((ip) => ip.includes(':')).length).toBeGreaterThanOrEqual(2);
    expect(DEMO_ATTACKER_PLACES.length).toBeGreaterThanOrEqual(3);
  });

  it('never reuses an address across places, so a sign-in maps to one place', () => {
    const all = [...DEMO_PLACES, ...DEMO_ATTACKER_PLACES].flatMap((place) => place.ips);
    expect(new Set(all).size).toBe(all.length);
  });
});
