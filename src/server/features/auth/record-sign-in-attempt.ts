import type { RiskEvidence } from '../../../contract/risk.ts';
import type { SecuritySettings } from '../../../contract/security.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import {
  buildSignInAttemptRow,
  insertSignInAttempt,
  type NewSignInAttempt,
  type SignInAttempt,
} from '../activity/index.ts';
import { type RaisedAlert, raiseAlertsForSignIn } from '../alerts/index.ts';
import { countSignInAttempt } from '../metrics/index.ts';
import { queueAlertNotifications, queueSignInConfirmation } from '../notifications/index.ts';
import { addSignInAggregates } from '../report-aggregates/index.ts';
import { assessSignIn, readSignInContext } from '../risk/index.ts';
import { readSecuritySettings } from '../security-settings/index.ts';

/** The account the attempt was on, when the email matched one. */
export type AttemptedAccount = Pick<UserRow, 'status' | 'email' | 'name'>;

export interface RecordedSignInAttempt {
  id: number;
  row: NewSignInAttempt;
  evidence: RiskEvidence[];
  alerts: RaisedAlert[];
}

/** Flags after which the user is asked "was this you?" (a success only). */
const CONFIRMATION_FLAGS = new Set<RiskEvidence['flag']>(['new_country', 'new_device']);

/**
 * The one step every sign-in attempt (console, app, refused or not) goes through, inside the
 * caller's transaction: the row; the organization's rules and the user's recent history; the
 * risk flags with their evidence; the stored attempt; its counts in the reports' aggregates;
 * the alerts it raises and their notifications; the user's "was this you?" mail. Attempts on
 * unknown accounts belong to no organization: stored and counted, never assessed.
 */
export async function recordSignInAttempt(
  trx: Db,
  deps: AppDeps,
  client: ClientContext,
  attempt: SignInAttempt,
  account?: AttemptedAccount,
): Promise<RecordedSignInAttempt> {
  const { row, settings, evidence } = await assessSignInAttempt(trx, deps, client, attempt, account);
  countSignInAttempt({ client: attempt.client, outcome: attempt.outcome, reason: attempt.failureReason });
  const { org_id: orgId, user_id: userId } = row;
  if (orgId === null || userId === null || settings === undefined) {
    const id = await insertSignInAttempt(trx, row);
    await addSignInAggregates(trx, [row]);
    return { id, row, evidence: [], alerts: [] };
  }
  // The attempt's own time is "now" for every window (a live sign-in's is deps.now(); a replay's is its own).
  const now = row.occurred_at;
  const assessed: NewSignInAttempt = {
    ...row,
    risk: JSON.stringify(evidence.map((item) => item.flag)),
    risk_details: JSON.stringify(evidence),
  };
  const id = await insertSignInAttempt(trx, assessed);
  await addSignInAggregates(trx, [assessed]);
  const signIn = { id, row: assessed };
  const alerts = await raiseAlertsForSignIn(trx, { orgId, signIn, evidence, settings, now });
  await queueAlertNotifications(trx, { orgId, alerts, settings, now });
  if (account && assessed.outcome === 'success' && evidence.some((item) => CONFIRMATION_FLAGS.has(item.flag))) {
    await queueSignInConfirmation(trx, {
      orgId,
      userId,
      email: account.email,
      name: account.name,
      signIn,
      evidence,
      settings,
      publicUrl: deps.config.publicUrl,
      emailConfigured: deps.config.smtpUrl !== undefined,
      now,
    });
  }
  return { id, row: assessed, evidence, alerts };
}

/**
 * The attempt's row and its risk flags with their evidence, read from the organization's rules and
 * the user's recent history; nothing is written. The sign-in reads it before deciding whether to
 * ask a second step, and recordSignInAttempt stores what it answers. Unknown accounts are not assessed.
 */
export async function assessSignInAttempt(
  db: Db,
  deps: AppDeps,
  client: ClientContext,
  attempt: SignInAttempt,
  account?: AttemptedAccount,
): Promise<{ row: NewSignInAttempt; settings: SecuritySettings | undefined; evidence: RiskEvidence[] }> {
  const row = buildSignInAttemptRow(deps.geo, client, attempt);
  const { org_id: orgId, user_id: userId } = row;
  if (orgId === null || userId === null) return { row, settings: undefined, evidence: [] };
  const settings = await readSecuritySettings(db, orgId);
  const context = await readSignInContext(db, { orgId, userId }, row, settings, account?.status === 'deactivated');
  return { row, settings, evidence: assessSignIn(context, row, settings) };
}
