import type { AlertSeverity, AlertType, RiskEvidence, SecuritySettings } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import { toIso } from '../../lib/time.ts';
import { countAccountFailures, countAddressFailures, type NewSignInAttempt } from '../activity/index.ts';
import { findSignInsByIds } from '../sign-ins/index.ts';
import { ALERT_RULES, dedupeKeyOf } from './alert-rules.ts';
import { linkAlertSignIns, upsertAlert } from './alerts.repository.ts';
import { type AlertDecision, countersNeeded, decideAlerts } from './decide-alerts.ts';
import { placeName } from './explain.ts';

/** A sign-in attempt as stored: its row and its id. */
export interface StoredSignIn {
  id: number;
  row: NewSignInAttempt;
}

/** An alert that a sign-in opened (`opened`) or added evidence to (an open one in its window). */
export interface RaisedAlert {
  id: string;
  orgId: string;
  type: AlertType;
  severity: AlertSeverity;
  explanation: string;
  opened: boolean;
  userId: string | null;
  ip: string | null;
}

/**
 * The alerts a stored sign-in raises, written in the sign-in's own transaction (`trx`): the
 * counters its rules need (failures only), the decision (decide-alerts.ts), then per alert one
 * upsert on its dedupe key and the links to its evidence. Notifications go out only for the
 * alerts with `opened`.
 */
export async function raiseAlertsForSignIn(
  trx: Db,
  input: { orgId: string; signIn: StoredSignIn; evidence: RiskEvidence[]; settings: SecuritySettings; now: number },
): Promise<RaisedAlert[]> {
  const { orgId, signIn, evidence, settings } = input;
  const row = signIn.row;
  if (row.org_id !== orgId) return [];
  const needs = countersNeeded(row, evidence, settings);
  const userId = row.user_id;
  const accountFailures =
    needs.account && userId !== null
      ? await countAccountFailures(trx, {
          orgId,
          userId,
          window: needs.account,
          idsWanted: (count) => count.failures >= settings.bruteForce.failures,
        })
      : undefined;
  const addressFailures = needs.address
    ? await countAddressFailures(trx, {
        orgId,
        ip: row.ip,
        window: needs.address,
        idsWanted: (count) => count.accounts >= settings.spraying.accounts,
      })
    : undefined;
  const takeoverFailures =
    needs.takeover && userId !== null
      ? await countAccountFailures(trx, { orgId, userId, window: needs.takeover })
      : undefined;
  const decisions = decideAlerts({
    signInId: signIn.id,
    row,
    evidence,
    settings,
    accountFailures,
    addressFailures,
    takeoverFailures,
  });
  const raised: RaisedAlert[] = [];
  for (const decision of decisions) {
    raised.push(await writeAlert(trx, orgId, decision, row.occurred_at, input.now));
  }
  return raised;
}

/**
 * The high-severity alert a user raises with "this wasn't me" on the mail about `signInId`;
 * written in the caller's transaction. A second report about the user within a day adds to it.
 */
export async function openUserReportedAlert(
  trx: Db,
  input: { orgId: string; userId: string; signInId: number; now: number },
): Promise<RaisedAlert> {
  const [signIn] = await findSignInsByIds(trx, input.orgId, [input.signInId]);
  const who = signIn?.user?.email ?? signIn?.email ?? 'A user';
  const where = signIn ? (placeName(signIn.location) ?? signIn.ip) : 'an unknown place';
  const when = signIn ? `${signIn.occurredAt.slice(0, 16).replace('T', ' ')} UTC` : 'recently';
  const decision: AlertDecision = {
    type: 'reported_by_user',
    severity: ALERT_RULES.reported_by_user.severity,
    subjectKey: input.userId,
    userId: input.userId,
    ip: signIn?.ip ?? '',
    explanation: `${who} reported that the sign-in from ${where}${signIn && placeName(signIn.location) ? ` (${signIn.ip})` : ''} on ${when} was not them; their sessions were ended.`,
    details: { signInId: String(input.signInId), occurredAt: signIn ? signIn.occurredAt : toIso(input.now) },
    signInIds: signIn ? [input.signInId] : [],
  };
  return writeAlert(trx, input.orgId, decision, input.now, input.now);
}

/** Alerts whose evidence is a counter's attempts (decideAlerts puts the attempt itself first). */
const COUNTED_TYPES = new Set<AlertType>(['brute_force', 'password_spraying']);

async function writeAlert(trx: Db, orgId: string, decision: AlertDecision, at: number, now: number) {
  const { id, opened } = await upsertAlert(trx, {
    orgId,
    type: decision.type,
    severity: decision.severity,
    userId: decision.userId,
    ip: decision.ip,
    subjectKey: decision.subjectKey,
    dedupeKey: dedupeKeyOf(decision.type, decision.subjectKey, at),
    summary: decision.explanation,
    details: JSON.stringify(decision.details),
    at,
    now,
  });
  // A new alert links everything its counter counted (at most COUNTER_EVIDENCE_LIMIT); an open one
  // that takes more evidence links only this attempt: the earlier ones were linked when they came.
  const links = opened || !COUNTED_TYPES.has(decision.type) ? decision.signInIds : decision.signInIds.slice(0, 1);
  await linkAlertSignIns(trx, orgId, id, links);
  return {
    id,
    orgId,
    type: decision.type,
    severity: decision.severity,
    explanation: decision.explanation,
    opened,
    userId: decision.userId,
    ip: decision.ip || null,
  } satisfies RaisedAlert;
}
