import type { AlertSeverity, AlertType, RiskEvidence, SecuritySettings } from '../../../contract/security.ts';
import { MINUTE_MS } from '../../lib/time.ts';
import {
  type CounterWindow,
  type FailureCount,
  type NewSignInAttempt,
  PASSWORD_GUESS_REASONS,
} from '../activity/index.ts';
import { ALERT_RULES } from './alert-rules.ts';
import { formatSpan, formatWindow, placeName, plural } from './explain.ts';

/** What one sign-in tells the rules: the stored row, its flags' evidence, the counters it needed. */
export interface AlertFacts {
  signInId: number;
  row: NewSignInAttempt;
  evidence: RiskEvidence[];
  settings: SecuritySettings;
  /** Password guesses on the account within bruteForce.windowMinutes (failures on a known account). */
  accountFailures?: FailureCount | undefined;
  /** Failures from the address on the organization's accounts within spraying.windowMinutes. */
  addressFailures?: FailureCount | undefined;
  /** Password guesses on the account within takeover.windowMinutes (a flagged takeover). */
  takeoverFailures?: FailureCount | undefined;
}

/** An alert the sign-in raises (or adds to, when one is open for the subject in the window). */
export interface AlertDecision {
  type: AlertType;
  severity: AlertSeverity;
  /** The user's id, or the address for spraying. */
  subjectKey: string;
  userId: string | null;
  ip: string;
  explanation: string;
  /** The numbers the explanation rests on (stored as the alert's details). */
  details: Record<string, unknown>;
  /** Sign-ins to link as evidence: this one first, then the counted or compared ones. */
  signInIds: number[];
}

/** The counters a sign-in needs read before deciding: only failures cost a query. */
export function countersNeeded(
  row: NewSignInAttempt,
  evidence: RiskEvidence[],
  settings: SecuritySettings,
): { account?: CounterWindow; address?: CounterWindow; takeover?: CounterWindow } {
  const at = row.occurred_at;
  const window = (minutes: number): CounterWindow => ({ since: at - minutes * MINUTE_MS, until: at });
  const needs: { account?: CounterWindow; address?: CounterWindow; takeover?: CounterWindow } = {};
  if (row.org_id !== null && row.outcome === 'failure') {
    if (row.user_id !== null && isPasswordGuess(row)) needs.account = window(settings.bruteForce.windowMinutes);
    if (row.user_id !== null) needs.address = window(settings.spraying.windowMinutes);
  }
  if (row.user_id !== null && hasFlag(evidence, 'failures_before_success')) {
    needs.takeover = window(settings.takeover.windowMinutes);
  }
  return needs;
}

/** Flags that make a first sign-in from a country worth the owners' attention. */
const CORROBORATING_FLAGS = ['new_device', 'hosting_network', 'anonymous_network'] as const;

/** Every alert the sign-in raises, in a fixed order (so parallel writers lock alerts in one order). */
export function decideAlerts(facts: AlertFacts): AlertDecision[] {
  const { row, settings, signInId } = facts;
  const decisions: AlertDecision[] = [];
  const who = row.email;
  const userId = row.user_id;
  const add = (
    type: AlertType,
    subjectKey: string,
    explanation: string,
    details: Record<string, unknown>,
    ids: number[],
  ) =>
    decisions.push({
      type,
      severity: ALERT_RULES[type].severity,
      subjectKey,
      userId: type === 'password_spraying' ? null : userId,
      ip: row.ip,
      explanation,
      details,
      signInIds: unique([signInId, ...ids]),
    });

  const account = facts.accountFailures;
  if (userId !== null && account && isPasswordGuess(row) && account.failures >= settings.bruteForce.failures) {
    const span = formatSpan(row.occurred_at - (account.firstAt ?? row.occurred_at));
    const from =
      account.addresses === 1 ? `from ${row.ip}` : `from ${plural(account.addresses, 'address', 'addresses')}`;
    add(
      'brute_force',
      userId,
      `${plural(account.failures, 'failed password attempt', 'failed password attempts')} for ${who} in ${span} ${from}.`,
      { failures: account.failures, addresses: account.addresses, windowMinutes: settings.bruteForce.windowMinutes },
      account.signInIds,
    );
  }

  const address = facts.addressFailures;
  if (address && row.outcome === 'failure' && address.accounts >= settings.spraying.accounts) {
    add(
      'password_spraying',
      row.ip,
      `${row.ip} failed to sign in to ${plural(address.accounts, 'account', 'accounts')} within ${formatWindow(settings.spraying.windowMinutes)}.`,
      { accounts: address.accounts, failures: address.failures, windowMinutes: settings.spraying.windowMinutes },
      address.signInIds,
    );
  }

  if (userId === null) return decisions;
  const here = placeName(row) ?? row.ip;

  const travel = flagOf(facts.evidence, 'impossible_travel');
  if (travel) {
    const there = placeName(travel.earlier?.location) ?? 'another place';
    const verb = row.outcome === 'success' ? 'signed in' : 'tried to sign in';
    const elapsed = travel.elapsedHours === null ? 'shortly' : formatSpan(travel.elapsedHours * 3_600_000);
    const distance = travel.distanceKm === null ? 'far' : `${plural(Math.round(travel.distanceKm), 'km', 'km')}`;
    const speed = travel.speedKmh === null ? '' : ` (${plural(Math.round(travel.speedKmh), 'km/h', 'km/h')})`;
    add(
      'impossible_travel',
      userId,
      `${who} ${verb} from ${here}, ${distance} from ${there} ${elapsed} earlier${speed}.`,
      { distanceKm: travel.distanceKm, elapsedHours: travel.elapsedHours, speedKmh: travel.speedKmh },
      earlierIds(travel),
    );
  }

  // A new country alone is a trip as often as an attack: it alerts the owners only with a new
  // device or a hosting/anonymising network beside it, unless the organization asks for every one.
  const country = flagOf(facts.evidence, 'new_country');
  const corroborated = CORROBORATING_FLAGS.some((flag) => hasFlag(facts.evidence, flag));
  if (country && row.outcome === 'success' && (corroborated || settings.alertOnNewCountryAlone)) {
    const before = placeName(country.earlier?.location);
    add(
      'new_country',
      userId,
      `${who} signed in from ${row.country ?? row.country_code ?? here} for the first time${before ? ` (before: ${before})` : ''}.`,
      { countryCode: row.country_code, country: row.country },
      earlierIds(country),
    );
  }

  if (settings.alertOnNewDevice && row.outcome === 'success' && hasFlag(facts.evidence, 'new_device')) {
    add(
      'new_device',
      userId,
      `${who} signed in from a new device: ${deviceName(row)}, from ${here}.`,
      { device: deviceName(row) },
      [],
    );
  }

  const takeover = flagOf(facts.evidence, 'failures_before_success');
  if (takeover && row.outcome === 'success') {
    const failures = takeover.failures ?? facts.takeoverFailures?.failures ?? settings.takeover.failures;
    add(
      'account_takeover',
      userId,
      `${who} signed in from ${here} after ${plural(failures, 'failed password attempt', 'failed password attempts')} within ${formatWindow(settings.takeover.windowMinutes)}.`,
      { failures, windowMinutes: settings.takeover.windowMinutes },
      facts.takeoverFailures?.signInIds ?? [],
    );
  }

  if (row.failure_reason === 'deactivated' || hasFlag(facts.evidence, 'deactivated_account')) {
    add(
      'deactivated_account',
      userId,
      `Someone tried to sign in to the deactivated account ${who} from ${row.ip}${placeName(row) ? ` (${placeName(row)})` : ''}.`,
      {},
      [],
    );
  }
  return decisions;
}

/** "Chrome on Windows", "Acme Draw on Dana's laptop", or the device type. */
export function deviceName(row: NewSignInAttempt): string {
  if (row.app_key) return `${row.app_key} on ${row.device_name ?? row.os ?? row.device_type}`;
  if (row.browser && row.os) return `${row.browser} on ${row.os}`;
  return row.browser ?? row.os ?? row.device_type;
}

/** A wrong password (or a throttled guess): what brute force counts. */
function isPasswordGuess(row: NewSignInAttempt): boolean {
  return (PASSWORD_GUESS_REASONS as readonly (string | null)[]).includes(row.failure_reason);
}

function hasFlag(evidence: RiskEvidence[], flag: RiskEvidence['flag']): boolean {
  return evidence.some((item) => item.flag === flag);
}

function flagOf(evidence: RiskEvidence[], flag: RiskEvidence['flag']): RiskEvidence | undefined {
  return evidence.find((item) => item.flag === flag);
}

/** The compared sign-in's id when it is one (ids in evidence are strings of the API). */
function earlierIds(evidence: RiskEvidence): number[] {
  const id = Number(evidence.earlier?.id);
  return Number.isSafeInteger(id) && id > 0 ? [id] : [];
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)];
}
