import { describe, expect, it } from 'vitest';
import type { RiskEvidence } from '../../../contract/security.ts';
import type { FailureCount, NewSignInAttempt } from '../activity/index.ts';
import { DEFAULT_SECURITY_SETTINGS } from '../security-settings/index.ts';
import { dedupeKeyOf } from './alert-rules.ts';
import { countersNeeded, decideAlerts } from './decide-alerts.ts';

const AT = Date.parse('2026-03-02T10:30:00Z');
const MINUTE = 60_000;
const settings = DEFAULT_SECURITY_SETTINGS;

function row(extra: Partial<NewSignInAttempt> = {}): NewSignInAttempt {
  return {
    org_id: 'org-1',
    user_id: 'user-1',
    email: 'dana@northwind.example',
    occurred_at: AT,
    outcome: 'failure',
    failure_reason: 'invalid_password',
    client: 'console',
    app_key: null,
    app_version: null,
    ip: '203.0.113.9',
    country_code: 'SE',
    country: 'Sweden',
    region: null,
    city: 'Linköping',
    latitude: 58.4167,
    longitude: 15.6167,
    asn: null,
    as_organization: null,
    device_type: 'desktop',
    os: 'Windows',
    os_version: '10',
    browser: 'Chrome',
    browser_version: '130',
    device_id: null,
    device_name: null,
    user_agent: null,
    risk: '[]',
    risk_details: '[]',
    ...extra,
  };
}

function count(extra: Partial<FailureCount>): FailureCount {
  return { failures: 0, addresses: 1, accounts: 1, firstAt: AT - 14 * MINUTE, signInIds: [7, 6, 5], ...extra };
}

function evidence(flag: RiskEvidence['flag'], extra: Partial<RiskEvidence> = {}): RiskEvidence {
  return {
    flag,
    explanation: '',
    earlier: null,
    distanceKm: null,
    elapsedHours: null,
    speedKmh: null,
    failures: null,
    network: null,
    ...extra,
  };
}

const decide = (facts: Partial<Parameters<typeof decideAlerts>[0]>) =>
  decideAlerts({ signInId: 9, row: row(), evidence: [], settings, ...facts });

describe('decideAlerts', () => {
  it('raises brute force at the failure threshold, not one under, with the numbers in words', () => {
    const under = decide({ accountFailures: count({ failures: settings.bruteForce.failures - 1 }) });
    expect(under).toEqual([]);
    const at = decide({ accountFailures: count({ failures: settings.bruteForce.failures, addresses: 2 }) });
    expect(at).toHaveLength(1);
    expect(at[0]).toMatchObject({ type: 'brute_force', severity: 'medium', subjectKey: 'user-1', userId: 'user-1' });
    expect(at[0]?.explanation).toBe(
      '10 failed password attempts for dana@northwind.example in 14 minutes from 2 addresses.',
    );
    // This sign-in first, then the counted ones.
    expect(at[0]?.signInIds).toEqual([9, 7, 6, 5]);
  });

  it('raises spraying about the address when it failed on the threshold of distinct accounts', () => {
    expect(decide({ addressFailures: count({ accounts: settings.spraying.accounts - 1, failures: 40 }) })).toEqual([]);
    const at = decide({ addressFailures: count({ accounts: settings.spraying.accounts, failures: 5 }) });
    expect(at).toEqual([
      expect.objectContaining({
        type: 'password_spraying',
        severity: 'high',
        subjectKey: '203.0.113.9',
        userId: null,
        explanation: '203.0.113.9 failed to sign in to 5 accounts within an hour.',
      }),
    ]);
  });

  it('explains impossible travel with distance, time and speed, and links the earlier sign-in', () => {
    const travel = evidence('impossible_travel', {
      earlier: {
        id: '41',
        occurredAt: '2026-03-02T10:00:00.000Z',
        location: {
          countryCode: 'GB',
          country: 'United Kingdom',
          region: null,
          city: 'London',
          latitude: 51.5,
          longitude: -0.09,
          asn: null,
          asOrganization: null,
        },
      },
      distanceKm: 1434.2,
      elapsedHours: 0.5,
      speedKmh: 2668.4,
    });
    const [alert] = decide({ row: row({ outcome: 'success', failure_reason: null }), evidence: [travel] });
    expect(alert).toMatchObject({ type: 'impossible_travel', severity: 'high', signInIds: [9, 41] });
    expect(alert?.explanation).toBe(
      'dana@northwind.example signed in from Linköping, Sweden, 1,434 km from London, United Kingdom 30 minutes earlier (2,668 km/h).',
    );
  });

  it('raises new country only on a success, and new device only when the organization asks for it', () => {
    const success = row({ outcome: 'success', failure_reason: null });
    expect(decide({ evidence: [evidence('new_country'), evidence('new_device')] })).toEqual([]);
    expect(decide({ row: success, evidence: [evidence('new_country'), evidence('new_device')] })).toEqual([
      expect.objectContaining({ type: 'new_country', severity: 'medium' }),
    ]);
    expect(decide({ row: success, evidence: [evidence('new_country'), evidence('hosting_network')] })).toEqual([
      expect.objectContaining({ type: 'new_country' }),
    ]);
    // Alone (a trip with one's own laptop) it asks the user, not the owners — unless they want every one.
    expect(decide({ row: success, evidence: [evidence('new_country')] })).toEqual([]);
    const everyCountry = { ...settings, alertOnNewCountryAlone: true };
    expect(decide({ row: success, evidence: [evidence('new_country')], settings: everyCountry })).toEqual([
      expect.objectContaining({ type: 'new_country', severity: 'medium' }),
    ]);
    expect(decide({ row: success, evidence: [evidence('new_device')] })).toEqual([]);
    const withDevices = { ...settings, alertOnNewDevice: true };
    expect(decide({ row: success, evidence: [evidence('new_device')], settings: withDevices })).toEqual([
      expect.objectContaining({ type: 'new_device', severity: 'low' }),
    ]);
  });

  it('raises takeover from its flag and deactivated-account attempts from the failure reason', () => {
    const takeover = decide({
      row: row({ outcome: 'success', failure_reason: null }),
      evidence: [evidence('failures_before_success', { failures: 7 })],
      takeoverFailures: count({ failures: 7 }),
    });
    expect(takeover).toEqual([expect.objectContaining({ type: 'account_takeover', severity: 'high' })]);
    expect(takeover[0]?.explanation).toContain('after 7 failed password attempts within an hour');
    const deactivated = decide({ row: row({ failure_reason: 'deactivated' }) });
    expect(deactivated).toEqual([expect.objectContaining({ type: 'deactivated_account', severity: 'medium' })]);
  });

  it('reads counters only for failures on known accounts', () => {
    expect(countersNeeded(row({ outcome: 'success', failure_reason: null }), [], settings)).toEqual({});
    expect(countersNeeded(row({ user_id: null, org_id: null }), [], settings)).toEqual({});
    const needs = countersNeeded(row(), [], settings);
    expect(needs.account).toEqual({ since: AT - 15 * MINUTE, until: AT });
    expect(needs.address).toEqual({ since: AT - 60 * MINUTE, until: AT });
  });

  it('keys one alert per subject and window', () => {
    const hour = 3_600_000;
    const start = Math.floor(AT / hour) * hour;
    expect(dedupeKeyOf('brute_force', 'u', start)).toBe(dedupeKeyOf('brute_force', 'u', start + hour - 1));
    expect(dedupeKeyOf('brute_force', 'u', start)).not.toBe(dedupeKeyOf('brute_force', 'u', start + hour));
    expect(dedupeKeyOf('brute_force', 'u', start)).not.toBe(dedupeKeyOf('brute_force', 'v', start));
  });
});
