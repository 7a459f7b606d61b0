import { describe, expect, it } from 'vitest';
import type { SecuritySettings } from '../../../contract/security';
import { checkSecurityDraft, securityPatch, serverFieldErrors, toSecurityDraft } from './security-draft';

const saved: SecuritySettings = {
  learning: { signIns: 5, days: 7 },
  newPlaceRadiusKm: 100,
  impossibleTravel: { speedKmh: 1000, toleranceKm: 100 },
  takeover: { failures: 5, windowMinutes: 30 },
  bruteForce: { failures: 10, windowMinutes: 15 },
  spraying: { accounts: 5, windowMinutes: 15 },
  alertOnNewDevice: false,
  alertOnNewCountryAlone: false,
  trustedNetworks: [{ cidr: '203.0.113.0/24', label: 'Head office' }],
  notifications: { emailOwners: true, minimumSeverity: 'medium', digestMinutes: 15, askUsers: true },
  signIn: {
    requireSecondFactor: 'owners',
    graceDays: 14,
    requiredSince: '2026-11-01T00:00:00.000Z',
    onRisk: 'step_up',
    appPasswordSignIn: true,
  },
};

describe('the Security settings form', () => {
  it('sends only the group that changed, whole', () => {
    const draft = toSecurityDraft(saved);
    draft.numbers['impossibleTravel.speedKmh'] = 900;
    expect(securityPatch(saved, draft)).toEqual({ impossibleTravel: { speedKmh: 900, toleranceKm: 100 } });
  });

  it('sends the sign-in group without the time the server keeps for the grace period', () => {
    const draft = toSecurityDraft(saved);
    draft.signIn.requireSecondFactor = 'everyone';
    expect(securityPatch(saved, draft)).toEqual({
      signIn: { requireSecondFactor: 'everyone', graceDays: 14, onRisk: 'step_up', appPasswordSignIn: true },
    });
  });

  it('sends nothing when nothing changed', () => {
    expect(securityPatch(saved, toSecurityDraft(saved))).toEqual({});
  });

  it('accepts a rule at its bounds and refuses one just past them, with the bounds in the message', () => {
    const draft = toSecurityDraft(saved);
    draft.numbers['impossibleTravel.speedKmh'] = 100;
    draft.numbers['impossibleTravel.toleranceKm'] = 1001;
    draft.numbers['learning.days'] = '';
    expect(checkSecurityDraft(draft)).toEqual({
      'impossibleTravel.toleranceKm': 'Must be from 0 to 1000.',
      'learning.days': 'Enter a whole number.',
    });
  });

  it('asks for an address on an added network row, and puts the server’s refusal on that row’s field', () => {
    const draft = toSecurityDraft(saved);
    draft.trustedNetworks.push({ key: 99, cidr: ' ', label: 'VPN' });
    expect(Object.keys(checkSecurityDraft(draft))).toEqual(['trustedNetworks.1.cidr']);
    expect(
      serverFieldErrors([{ path: 'body/trustedNetworks/1/cidr', message: 'must be an address or a CIDR network' }]),
    ).toEqual({ 'trustedNetworks.1.cidr': 'must be an address or a CIDR network' });
  });
});
