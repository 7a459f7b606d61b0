import { describe, expect, it } from 'vitest';
import type { SecuritySettings } from '../../../contract/security.ts';
import type { PastSignIn } from '../activity/index.ts';
import { DEFAULT_SECURITY_SETTINGS } from '../security-settings/index.ts';
import { type AssessedAttempt, assessSignIn, hasLearned, type SignInContext } from './assess-sign-in.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-03-02T08:00:00Z');
const LONDON = { country_code: 'GB', country: 'United Kingdom', city: 'London', latitude: 51.5142, longitude: -0.0931 };
const LINKOPING = { country_code: 'SE', country: 'Sweden', city: 'Linköping', latitude: 58.4167, longitude: 15.6167 };
const TOKYO = { country_code: 'JP', country: 'Japan', city: null, latitude: 35.6854, longitude: 139.7531 };
// One degree of latitude is 111.2 km on the mean Earth radius: a place exactly `km` north of London.
const northOfLondon = (km: number) => ({ ...LONDON, city: 'North', latitude: LONDON.latitude + km / 111.19508 });

type Place = typeof LONDON | typeof TOKYO;

function attempt(at: number, place: Place, extra: Partial<AssessedAttempt> = {}): AssessedAttempt {
  return {
    occurred_at: at,
    outcome: 'success',
    failure_reason: null,
    client: 'console',
    app_key: null,
    ip: '198.51.100.7',
    region: null,
    asn: null,
    as_organization: null,
    device_type: 'desktop',
    os: 'Windows',
    browser: 'Chrome',
    device_id: null,
    ...place,
    ...extra,
  };
}

let nextId = 1;
const past = (at: number, place: Place, extra: Partial<AssessedAttempt> = {}): PastSignIn => ({
  id: nextId++,
  ...attempt(at, place, extra),
});

function context(recent: PastSignIn[], extra: Partial<SignInContext> = {}): SignInContext {
  return {
    recentSuccesses: recent,
    successfulSignIns: recent.length,
    firstSuccessAt: recent.at(-1)?.occurred_at ?? null,
    failuresBefore: { count: 0, earliest: null },
    accountDeactivated: false,
    ...extra,
  };
}

const LEARNT: SecuritySettings = { ...DEFAULT_SECURITY_SETTINGS, learning: { signIns: 0, days: 0 } };
const flags = (evidence: { flag: string }[]) => evidence.map((item) => item.flag);

describe('assessSignIn (pure: km, hours, km/h)', () => {
  it('computes impossible travel in km/h after the tolerance, with the earlier event as evidence', () => {
    const london = past(T0, LONDON);
    // (1,257.73 − 100) km / 0.5 h = 2,315.5 km/h.
    const [travel] = assessSignIn(context([london]), attempt(T0 + 0.5 * HOUR, LINKOPING), {
      ...LEARNT,
      learning: { signIns: 50, days: 90 },
    });
    expect(travel).toMatchObject({
      flag: 'impossible_travel',
      distanceKm: 1257.7,
      elapsedHours: 0.5,
      speedKmh: 2315.5,
      earlier: { id: String(london.id), occurredAt: new Date(T0).toISOString(), location: { city: 'London' } },
    });
  });

  it('keeps speed and tolerance edges: 0.1 km/h under the limit is possible, 0.1 km/h over is not', () => {
    const settings = { ...LEARNT, impossibleTravel: { speedKmh: 1000, toleranceKm: 100 } };
    const london = past(T0, LONDON);
    // 1,099.9 km north is 999.9 km beyond the tolerance: 999.9 km/h in 1 h; 1,100.1 km is 1,000.1 km/h.
    expect(flags(assessSignIn(context([london]), attempt(T0 + HOUR, northOfLondon(1099.9)), settings))).not.toContain(
      'impossible_travel',
    );
    expect(flags(assessSignIn(context([london]), attempt(T0 + HOUR, northOfLondon(1100.1)), settings))).toContain(
      'impossible_travel',
    );
  });

  it('holds back new device, country and place until N sign-ins AND D days', () => {
    const settings = { ...DEFAULT_SECURITY_SETTINGS, learning: { signIns: 3, days: 7 } };
    const history = [past(T0 + 2 * HOUR, LONDON), past(T0 + HOUR, LONDON), past(T0, LONDON)];
    expect(hasLearned(context(history), T0 + 7 * DAY, settings)).toBe(true);
    expect(hasLearned(context(history), T0 + 7 * DAY - 1, settings)).toBe(false);
    expect(hasLearned(context(history.slice(0, 2)), T0 + 30 * DAY, settings)).toBe(false);
    const abroad = attempt(T0 + 30 * DAY, TOKYO, { browser: 'Firefox' });
    expect(flags(assessSignIn(context(history), abroad, settings))).toEqual(['new_device', 'new_country', 'new_place']);
    expect(assessSignIn(context(history.slice(0, 2), { firstSuccessAt: T0 }), abroad, settings)).toEqual([]);
  });

  it('measures new place against the nearest earlier place and the radius (km)', () => {
    const settings = { ...LEARNT, newPlaceRadiusKm: 100 };
    const history = [past(T0, LONDON)];
    expect(flags(assessSignIn(context(history), attempt(T0 + DAY, northOfLondon(99.9)), settings))).toEqual([]);
    const [place] = assessSignIn(context(history), attempt(T0 + DAY, northOfLondon(100.1)), settings);
    expect(place).toMatchObject({ flag: 'new_place', distanceKm: 100.1, elapsedHours: 24 });
  });

  it('counts takeover failures only before a success, at the threshold', () => {
    const failure = past(T0, LONDON, { outcome: 'failure', failure_reason: 'invalid_password' });
    const settings = { ...LEARNT, takeover: { failures: 5, windowMinutes: 60 } };
    const history = [past(T0 - DAY, LONDON)];
    const at = attempt(T0 + 0.25 * HOUR, LONDON);
    expect(assessSignIn(context(history, { failuresBefore: { count: 4, earliest: failure } }), at, settings)).toEqual(
      [],
    );
    expect(
      assessSignIn(context(history, { failuresBefore: { count: 5, earliest: failure } }), at, settings),
    ).toMatchObject([{ flag: 'failures_before_success', failures: 5, elapsedHours: 0.25 }]);
    const failed = { ...at, outcome: 'failure' as const, failure_reason: 'invalid_password' };
    expect(
      assessSignIn(context(history, { failuresBefore: { count: 5, earliest: failure } }), failed, settings),
    ).toEqual([]);
  });

  it('names hosting and anonymising networks by ASN, and trusted networks silence location and network flags', () => {
    const history = [past(T0, LONDON)];
    const fromAws = attempt(T0 + DAY, LONDON, { asn: 16509, as_organization: null });
    expect(assessSignIn(context(history), fromAws, LEARNT)).toMatchObject([
      { flag: 'hosting_network', network: { asn: 16509, organization: 'Amazon Web Services' } },
    ]);
    expect(flags(assessSignIn(context(history), { ...fromAws, asn: 9009 }, LEARNT))).toEqual(['anonymous_network']);
    const trusted = { ...LEARNT, trustedNetworks: [{ cidr: '198.51.100.0/24', label: 'Office' }] };
    const tokyoNow = attempt(T0 + HOUR, TOKYO, { asn: 16509 });
    expect(flags(assessSignIn(context(history), tokyoNow, LEARNT))).toEqual([
      'new_country',
      'new_place',
      'impossible_travel',
      'hosting_network',
    ]);
    expect(assessSignIn(context(history), tokyoNow, trusted)).toEqual([]);
  });

  it('flags any attempt on a deactivated account, also a throttled one', () => {
    const throttled = attempt(T0, LONDON, { outcome: 'failure', failure_reason: 'throttled' });
    expect(flags(assessSignIn(context([], { accountDeactivated: true }), throttled, LEARNT))).toEqual([
      'deactivated_account',
    ]);
    expect(assessSignIn(context([]), throttled, LEARNT)).toEqual([]);
  });
});
