import type { StepReason } from '../../../contract/activity.ts';
import type { RiskEvidence, RiskFlag } from '../../../contract/risk.ts';
import type { SecuritySettings } from '../../../contract/security.ts';
import type { Role } from '../../db/schema.ts';
import { DAY_MS } from '../../lib/time.ts';

/**
 * The flags that make a right password not enough (issue 12): a country the user has never signed
 * in from, travel faster than possible, and a success right after a burst of failures (a guessed
 * password). A new device or place alone is ordinary life: it asks the user "was this you?" instead.
 */
export const STEP_UP_FLAGS: ReadonlySet<RiskFlag> = new Set([
  'new_country',
  'impossible_travel',
  'failures_before_success',
]);

/** Whether the organization requires a second factor of this user, and until when they may go without. */
export interface SecondFactorStanding {
  required: boolean;
  /** The end of the grace period (ms); null when nothing is required. */
  enrolBy: number | null;
}

export function secondFactorStanding(
  policy: SecuritySettings['signIn'],
  user: { role: Role; createdAt: number },
): SecondFactorStanding {
  const required =
    policy.requireSecondFactor === 'everyone' || (policy.requireSecondFactor === 'owners' && user.role === 'owner');
  if (!required) return { required: false, enrolBy: null };
  // The grace counts from the later of the requirement's start and the user's arrival: a newcomer
  // gets the same days to enrol as everyone had.
  const since = Math.max(policy.requiredSince ? Date.parse(policy.requiredSince) : 0, user.createdAt);
  return { required: true, enrolBy: since + policy.graceDays * DAY_MS };
}

/** The requirement applies and its grace is over: a user without a factor may only enrol one. */
export function graceOver(standing: SecondFactorStanding, now: number): boolean {
  return standing.required && standing.enrolBy !== null && now >= standing.enrolBy;
}

export type SecondStepDecision =
  /** Ask the second step before the session opens. */
  | { kind: 'ask'; reason: StepReason; riskFlags: RiskFlag[] }
  /** Refuse the sign-in for its flags (the organization's choice). */
  | { kind: 'block'; riskFlags: RiskFlag[] }
  /** Open the session; an enrolment-only one when a factor is required, missing and the grace is over. */
  | { kind: 'open'; enrolmentOnly: boolean };

/**
 * What a right password leads to. A user with a factor is always asked it (the reason says why:
 * the flags, the organization's requirement, or simply the user's own enrolment). A user without
 * one cannot be stepped up: risky sign-ins are then blocked only where the organization chose to
 * block; otherwise they pass with their flags, alerts and "was this you?" mail (README).
 */
export function decideSecondStep(input: {
  hasFactor: boolean;
  policy: SecuritySettings['signIn'];
  standing: SecondFactorStanding;
  evidence: readonly RiskEvidence[];
  now: number;
}): SecondStepDecision {
  const { hasFactor, policy, standing, evidence, now } = input;
  const riskFlags = evidence.map((item) => item.flag).filter((flag) => STEP_UP_FLAGS.has(flag));
  if (riskFlags.length > 0 && policy.onRisk === 'block') return { kind: 'block', riskFlags };
  if (hasFactor) {
    if (riskFlags.length > 0 && policy.onRisk === 'step_up') return { kind: 'ask', reason: 'risk', riskFlags };
    return { kind: 'ask', reason: standing.required ? 'required' : 'enrolled', riskFlags: [] };
  }
  return { kind: 'open', enrolmentOnly: graceOver(standing, now) };
}
