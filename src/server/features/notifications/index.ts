/**
 * The public entry of notifications. PLACEHOLDER written before the feature: the signatures are
 * the agreed interface; the helper building notifications replaces the bodies.
 */
import type { RiskEvidence, SecuritySettings } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import type { NewSignInAttempt } from '../activity/index.ts';
import type { RaisedAlert } from '../alerts/index.ts';

/** In the transaction that raised them: the owners' digest items and the webhook deliveries of the opened alerts. */
export async function queueAlertNotifications(
  _trx: Db,
  _input: { orgId: string; alerts: RaisedAlert[]; settings: SecuritySettings; now: number },
): Promise<void> {}

/**
 * In the sign-in's transaction: a "was this you?" mail with a single-use "this wasn't me" link,
 * when the sign-in succeeded with a new_country or new_device flag and the organization asks users.
 */
export async function queueSignInConfirmation(
  _trx: Db,
  _input: {
    orgId: string;
    userId: string;
    email: string;
    name: string;
    signIn: { id: number; row: NewSignInAttempt };
    evidence: RiskEvidence[];
    settings: SecuritySettings;
    publicUrl: URL;
    emailConfigured: boolean;
    now: number;
  },
): Promise<void> {}
