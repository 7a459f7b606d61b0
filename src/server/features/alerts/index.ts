/**
 * The public entry of alerts. PLACEHOLDER written before the feature: the signatures are the
 * agreed interface; the helper building alerts replaces the bodies (raise-alerts.ts etc.).
 */
import type { AlertSeverity, AlertType, RiskEvidence, SecuritySettings } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import type { NewSignInAttempt } from '../activity/index.ts';

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

export async function raiseAlertsForSignIn(
  _trx: Db,
  _input: { orgId: string; signIn: StoredSignIn; evidence: RiskEvidence[]; settings: SecuritySettings; now: number },
): Promise<RaisedAlert[]> {
  return [];
}

export async function openUserReportedAlert(
  _trx: Db,
  _input: { orgId: string; userId: string; signInId: number; now: number },
): Promise<RaisedAlert> {
  throw new Error('alerts: not built yet');
}
