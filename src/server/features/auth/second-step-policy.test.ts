import { describe, expect, it } from 'vitest';
import type { RiskEvidence } from '../../../contract/risk.ts';
import type { SecuritySettings } from '../../../contract/security.ts';
import { DAY_MS } from '../../lib/time.ts';
import { DEFAULT_SECURITY_SETTINGS } from '../security-settings/index.ts';
import { decideSecondStep, secondFactorStanding } from './second-step-policy.ts';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const policy = (change: Partial<SecuritySettings['signIn']> = {}) => ({
  ...DEFAULT_SECURITY_SETTINGS.signIn,
  ...change,
});
const flag = (name: RiskEvidence['flag']) => ({ flag: name }) as RiskEvidence;
const notRequired = { required: false, enrolBy: null };

describe('who is asked a second step', () => {
  it('asks every user who has a factor, and says the organization’s requirement when there is one', () => {
    expect(
      decideSecondStep({ hasFactor: true, policy: policy(), standing: notRequired, evidence: [], now: NOW }),
    ).toEqual({ kind: 'ask', reason: 'enrolled', riskFlags: [] });
    const standing = { required: true, enrolBy: NOW - DAY_MS };
    expect(decideSecondStep({ hasFactor: true, policy: policy(), standing, evidence: [], now: NOW })).toMatchObject({
      reason: 'required',
    });
  });

  it('steps up only for the flags that mean a stolen password, not for a new device or place', () => {
    const ask = (evidence: RiskEvidence[]) =>
      decideSecondStep({ hasFactor: true, policy: policy(), standing: notRequired, evidence, now: NOW });
    expect(ask([flag('new_device'), flag('new_place')])).toMatchObject({ reason: 'enrolled', riskFlags: [] });
    expect(ask([flag('new_device'), flag('new_country')])).toEqual({
      kind: 'ask',
      reason: 'risk',
      riskFlags: ['new_country'],
    });
    expect(ask([flag('impossible_travel'), flag('failures_before_success')])).toMatchObject({
      riskFlags: ['impossible_travel', 'failures_before_success'],
    });
  });

  it('blocks flagged sign-ins with or without a factor where the organization blocks, and lets them pass where it allows', () => {
    const evidence = [flag('new_country')];
    for (const hasFactor of [true, false]) {
      expect(
        decideSecondStep({ hasFactor, policy: policy({ onRisk: 'block' }), standing: notRequired, evidence, now: NOW }),
      ).toEqual({ kind: 'block', riskFlags: ['new_country'] });
    }
    expect(
      decideSecondStep({
        hasFactor: true,
        policy: policy({ onRisk: 'allow' }),
        standing: notRequired,
        evidence,
        now: NOW,
      }),
    ).toMatchObject({ kind: 'ask', reason: 'enrolled' });
    expect(decideSecondStep({ hasFactor: false, policy: policy(), standing: notRequired, evidence, now: NOW })).toEqual(
      { kind: 'open', enrolmentOnly: false },
    );
  });

  it('lets a user without a factor in until the grace ends, then only to enrol', () => {
    const decide = (enrolBy: number) =>
      decideSecondStep({
        hasFactor: false,
        policy: policy(),
        standing: { required: true, enrolBy },
        evidence: [],
        now: NOW,
      });
    expect(decide(NOW + 1)).toEqual({ kind: 'open', enrolmentOnly: false });
    expect(decide(NOW)).toEqual({ kind: 'open', enrolmentOnly: true });
  });
});

describe('the grace period', () => {
  const since = '2026-05-01T00:00:00.000Z';
  it('requires owners only of owners, everyone of everyone', () => {
    const owners = policy({ requireSecondFactor: 'owners', requiredSince: since });
    expect(secondFactorStanding(owners, { role: 'member', createdAt: 0 })).toEqual(notRequired);
    expect(secondFactorStanding(owners, { role: 'owner', createdAt: 0 }).required).toBe(true);
    expect(secondFactorStanding(policy(), { role: 'owner', createdAt: 0 })).toEqual(notRequired);
  });

  it('counts from the requirement, or from a later arrival', () => {
    const everyone = policy({ requireSecondFactor: 'everyone', graceDays: 14, requiredSince: since });
    expect(secondFactorStanding(everyone, { role: 'member', createdAt: 0 }).enrolBy).toBe(
      Date.parse(since) + 14 * DAY_MS,
    );
    const arrived = Date.parse('2026-05-20T09:00:00Z');
    expect(secondFactorStanding(everyone, { role: 'member', createdAt: arrived }).enrolBy).toBe(arrived + 14 * DAY_MS);
  });
});
