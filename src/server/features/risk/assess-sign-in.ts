import type { RiskEvidence, RiskFlag } from '../../../contract/risk.ts';
import type { SecuritySettings } from '../../../contract/security.ts';
import { toIso } from '../../lib/time.ts';
import type { PastSignIn } from '../activity/index.ts';
import { toLocation } from '../activity/index.ts';
import { distanceKm } from '../geo/index.ts';
import { describeDevice, deviceFingerprint } from './device-fingerprint.ts';
import { classifyNetwork } from './hosting-networks.ts';
import { isTrustedAddress } from './trusted-networks.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How many of the user's latest successful sign-ins the detectors look at (new place, learning). */
export const RECENT_SIGN_INS = 50;
/**
 * A device is new when none of the last 50 successful sign-ins used it. Okta looks at 20; but a
 * person's app sign-ins count among them, and a phone used once a fortnight then looked new
 * again and again in the detection benchmark's replay of the demo.
 */
export const DEVICE_MEMORY = RECENT_SIGN_INS;
/**
 * A country is new when none of the last 50 successful sign-ins came from it. Okta looks at 10;
 * then a week abroad makes coming home "new" (and mails the user "was this you?"), which the
 * detection benchmark counted as false alarms on ordinary trips.
 */
export const COUNTRY_MEMORY = RECENT_SIGN_INS;
/** The failed attempts that count toward "success after failures": guesses at the password. */
export const GUESS_REASONS = ['invalid_password', 'throttled', 'wrong_current_password'] as const;

/** The attempt being judged: the row about to be stored (activity's buildSignInAttemptRow). */
export type AssessedAttempt = Omit<PastSignIn, 'id'>;

/** Everything the detectors know of the user before this attempt; read by readSignInContext, or replayed in memory. */
export interface SignInContext {
  /** The user's latest successful sign-ins before this attempt, newest first (up to RECENT_SIGN_INS). */
  recentSuccesses: PastSignIn[];
  /**
   * Successful sign-ins before this attempt. A reader may stop counting at RECENT_SIGN_INS:
   * the learning period's threshold is at most 50 (SecuritySettingsSchema).
   */
  successfulSignIns: number;
  /**
   * When (ms) the user first signed in successfully; null when never. A reader may give any
   * earlier success instead once that one is already old enough to end the learning period.
   */
  firstSuccessAt: number | null;
  /** Password guesses on the account within the takeover window before this attempt. */
  failuresBefore: { count: number; earliest: PastSignIn | null };
  /** The account is deactivated (whatever the attempt's own failure reason, e.g. throttled). */
  accountDeactivated: boolean;
}

/**
 * The risk flags of one sign-in attempt, each with its evidence, from the user's recent history
 * and the organization's rules. Pure: no database, no clock (the attempt's time is "now"), so
 * the detection benchmark replays history through this same function.
 *
 * - The learning period holds back new_device, new_country and new_place until the user has at
 *   least `learning.signIns` successful sign-ins AND the first is `learning.days` old.
 * - An attempt from a trusted network raises no location flag (new_country, new_place,
 *   impossible_travel) and no network flag; earlier sign-ins from one still count as places.
 * - failures_before_success only on a success; the other flags on failures too.
 */
export function assessSignIn(
  context: SignInContext,
  attempt: AssessedAttempt,
  settings: SecuritySettings,
): RiskEvidence[] {
  const trusted = isTrustedAddress(attempt.ip, settings.trustedNetworks);
  const learned = hasLearned(context, attempt.occurred_at, settings);
  const evidence: (RiskEvidence | null)[] = [
    learned ? detectNewDevice(context, attempt) : null,
    learned && !trusted ? detectNewCountry(context, attempt) : null,
    learned && !trusted ? detectNewPlace(context, attempt, settings) : null,
    trusted ? null : detectImpossibleTravel(context, attempt, settings),
    detectFailuresBeforeSuccess(context, attempt, settings),
    detectDeactivatedAccount(context, attempt),
    trusted ? null : detectNetwork(attempt),
  ];
  return evidence.filter((item): item is RiskEvidence => item !== null);
}

/** Whether the learning period is over: N successful sign-ins and D days since the first (both). */
export function hasLearned(context: SignInContext, at: number, settings: SecuritySettings): boolean {
  if (context.firstSuccessAt === null) return false;
  const count = Math.max(context.successfulSignIns, context.recentSuccesses.length);
  return count >= settings.learning.signIns && at - context.firstSuccessAt >= settings.learning.days * DAY_MS;
}

function detectNewDevice(context: SignInContext, attempt: AssessedAttempt): RiskEvidence | null {
  const known = context.recentSuccesses.slice(0, DEVICE_MEMORY);
  const latest = known[0];
  if (!latest) return null;
  const fingerprint = deviceFingerprint(attempt);
  if (known.some((past) => deviceFingerprint(past) === fingerprint)) return null;
  return evidenceOf('new_device', {
    explanation: `First sign-in from ${describeDevice(attempt)}; the last ${known.length} successful sign-ins used other devices.`,
    earlier: earlierOf(latest),
    elapsedHours: hoursBetween(latest.occurred_at, attempt.occurred_at),
  });
}

function detectNewCountry(context: SignInContext, attempt: AssessedAttempt): RiskEvidence | null {
  if (attempt.country_code === null) return null;
  const known = context.recentSuccesses.slice(0, COUNTRY_MEMORY).filter((past) => past.country_code !== null);
  const latest = known[0];
  if (!latest || known.some((past) => past.country_code === attempt.country_code)) return null;
  const countries = [...new Set(known.map((past) => past.country ?? past.country_code))];
  const shown = countries.length > 3 ? `${countries.slice(0, 3).join(', ')} and others` : countries.join(', ');
  return evidenceOf('new_country', {
    explanation: `First sign-in from ${attempt.country ?? attempt.country_code}; ${
      known.length === 1 ? 'the previous successful sign-in was' : `the last ${known.length} successful sign-ins were`
    } from ${shown}.`,
    earlier: earlierOf(latest),
    distanceKm: roundKm(distanceKm(latest, attempt)),
    elapsedHours: hoursBetween(latest.occurred_at, attempt.occurred_at),
  });
}

function detectNewPlace(
  context: SignInContext,
  attempt: AssessedAttempt,
  settings: SecuritySettings,
): RiskEvidence | null {
  let nearest: { past: PastSignIn; km: number } | null = null;
  for (const past of context.recentSuccesses) {
    const km = distanceKm(past, attempt);
    if (km !== null && (nearest === null || km < nearest.km)) nearest = { past, km };
  }
  if (nearest === null || nearest.km <= settings.newPlaceRadiusKm) return null;
  const km = roundKm(nearest.km);
  return evidenceOf('new_place', {
    explanation: `${placeName(attempt)} is ${formatNumber(km)} km from the nearest place of the last ${context.recentSuccesses.length} successful sign-ins (${placeName(nearest.past)}), beyond the ${formatNumber(settings.newPlaceRadiusKm)} km radius.`,
    earlier: earlierOf(nearest.past),
    distanceKm: km,
    elapsedHours: hoursBetween(nearest.past.occurred_at, attempt.occurred_at),
  });
}

/**
 * Against the previous successful sign-in that has a place: the tolerance (km) comes off the
 * distance first, then speed = km / hours. No time between two places farther apart than the
 * tolerance is impossible too (speed shown as null: it would be infinite).
 */
function detectImpossibleTravel(
  context: SignInContext,
  attempt: AssessedAttempt,
  settings: SecuritySettings,
): RiskEvidence | null {
  const previous = context.recentSuccesses.find((past) => past.latitude !== null && past.longitude !== null);
  if (!previous) return null;
  const km = distanceKm(previous, attempt);
  if (km === null) return null;
  const { speedKmh: limit, toleranceKm } = settings.impossibleTravel;
  const beyondTolerance = Math.max(0, km - toleranceKm);
  if (beyondTolerance === 0) return null;
  const elapsedMs = Math.max(0, attempt.occurred_at - previous.occurred_at);
  const speed = elapsedMs === 0 ? null : beyondTolerance / (elapsedMs / HOUR_MS);
  if (speed !== null && speed <= limit) return null;
  const hours = hoursBetween(previous.occurred_at, attempt.occurred_at);
  const pace =
    speed === null
      ? 'at the same moment'
      : `in ${formatNumber(hours)} h, ${formatNumber(roundKm(speed))} km/h (after a ${formatNumber(toleranceKm)} km GeoIP tolerance)`;
  return evidenceOf('impossible_travel', {
    explanation: `${placeName(attempt)} is ${formatNumber(roundKm(km))} km from ${placeName(previous)}, reached ${pace}; faster than ${formatNumber(limit)} km/h is impossible.`,
    earlier: earlierOf(previous),
    distanceKm: roundKm(km),
    elapsedHours: hours,
    speedKmh: speed === null ? null : roundKm(speed),
  });
}

function detectFailuresBeforeSuccess(
  context: SignInContext,
  attempt: AssessedAttempt,
  settings: SecuritySettings,
): RiskEvidence | null {
  const { count, earliest } = context.failuresBefore;
  if (attempt.outcome !== 'success' || count < settings.takeover.failures) return null;
  return evidenceOf('failures_before_success', {
    explanation: `Signed in after ${count} failed attempts on this account in the last ${formatNumber(settings.takeover.windowMinutes)} minutes: someone may have guessed the password.`,
    earlier: earliest ? earlierOf(earliest) : null,
    elapsedHours: earliest ? hoursBetween(earliest.occurred_at, attempt.occurred_at) : null,
    failures: count,
  });
}

function detectDeactivatedAccount(context: SignInContext, attempt: AssessedAttempt): RiskEvidence | null {
  if (!context.accountDeactivated && attempt.failure_reason !== 'deactivated') return null;
  return evidenceOf('deactivated_account', {
    explanation: `Someone tried to sign in to this deactivated account from ${placeName(attempt)} (${attempt.ip}).`,
  });
}

function detectNetwork(attempt: AssessedAttempt): RiskEvidence | null {
  const network = classifyNetwork(attempt.asn);
  if (!network) return null;
  const details = { network: { asn: attempt.asn, organization: attempt.as_organization ?? network.provider } };
  return network.kind === 'anonymous'
    ? evidenceOf('anonymous_network', {
        explanation: `Came through AS${attempt.asn} (${network.provider}), a network that mostly carries anonymising VPN traffic.`,
        ...details,
      })
    : evidenceOf('hosting_network', {
        explanation: `Came from AS${attempt.asn} (${network.provider}), a hosting or cloud network rather than a home, office or mobile one.`,
        ...details,
      });
}

function evidenceOf(
  flag: RiskFlag,
  fields: Partial<Omit<RiskEvidence, 'flag'>> & { explanation: string },
): RiskEvidence {
  return {
    flag,
    earlier: null,
    distanceKm: null,
    elapsedHours: null,
    speedKmh: null,
    failures: null,
    network: null,
    ...fields,
  };
}

function earlierOf(past: PastSignIn): NonNullable<RiskEvidence['earlier']> {
  return { id: String(past.id), occurredAt: toIso(past.occurred_at), location: toLocation(past) };
}

/** Hours (2 decimals) from `from` to `to` (ms); never negative. */
function hoursBetween(from: number, to: number): number {
  return Math.round((Math.max(0, to - from) / HOUR_MS) * 100) / 100;
}

function roundKm(km: number): number;
function roundKm(km: number | null): number | null;
function roundKm(km: number | null): number | null {
  return km === null ? null : Math.round(km * 10) / 10;
}

function placeName(row: { city: string | null; country: string | null; country_code: string | null; ip: string }) {
  if (row.city && row.country) return `${row.city}, ${row.country}`;
  return row.country ?? row.country_code ?? `an address with no known place (${row.ip})`;
}

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
function formatNumber(value: number): string {
  return NUMBER.format(value);
}
