import type { Static } from 'typebox';
import { Value } from 'typebox/value';
import {
  type SecuritySettings,
  SecuritySettingsSchema,
  type TrustedNetworkSchema,
} from '../../../contract/security.ts';

export type TrustedNetwork = Static<typeof TrustedNetworkSchema>;

/**
 * The rules every organization starts with (README, "Security monitoring"). The numbers follow
 * the peers: authentik's impossible travel (1000 km/h, 100 km GeoIP tolerance), Microsoft's and
 * Okta's learning periods (days and sign-ins), Okta's new-place radius widened to 100 km because
 * city-level GeoIP is often that far off. New-device alerts are off by default, and a new country
 * alone alerts no owner: the user's own "was this you?" mail covers a new phone or a trip with
 * one's own laptop without waking the owners (the detection benchmark counted 23 such false
 * alarms per 100 users a month on the demo's ordinary travel when every new country alerted).
 */
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  learning: { signIns: 10, days: 7 },
  newPlaceRadiusKm: 100,
  impossibleTravel: { speedKmh: 1000, toleranceKm: 100 },
  takeover: { failures: 5, windowMinutes: 60 },
  bruteForce: { failures: 10, windowMinutes: 15 },
  spraying: { accounts: 5, windowMinutes: 60 },
  alertOnNewDevice: false,
  alertOnNewCountryAlone: false,
  trustedNetworks: [],
  // Apps keep signing in with passwords (existing installs); step-up only asks users who have a factor.
  signIn: {
    requireSecondFactor: 'nobody',
    graceDays: 14,
    requiredSince: null,
    onRisk: 'step_up',
    appPasswordSignIn: true,
  },
  notifications: { emailOwners: true, minimumSeverity: 'medium', digestMinutes: 15, askUsers: true },
};

type Group = keyof SecuritySettings;

/**
 * The stored JSON over the defaults, group by group: a group the owner never set (or one a
 * later version no longer accepts) takes its default, so new rules reach existing organizations.
 */
export function securitySettingsFrom(stored: string | undefined): SecuritySettings {
  let parsed: unknown;
  try {
    parsed = stored ? JSON.parse(stored) : {};
  } catch {
    parsed = {};
  }
  const given = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...DEFAULT_SECURITY_SETTINGS };
  for (const group of Object.keys(DEFAULT_SECURITY_SETTINGS) as Group[]) {
    if (!(group in given)) continue;
    const candidate = { ...DEFAULT_SECURITY_SETTINGS, [group]: given[group] };
    if (Value.Check(SecuritySettingsSchema, candidate)) merged[group] = given[group];
  }
  return merged as SecuritySettings;
}
