import type { AppDeps } from '../../app-deps.ts';
import { hashToken } from '../../lib/secure-token.ts';
import { openUserReportedAlert } from '../alerts/index.ts';
import { closeSessionsOfUser } from '../app-sessions/index.ts';
import { deleteSessionsOfUser } from '../auth/index.ts';
import { findSignInConfirmation, markSignInConfirmationUsed, queueAlertNotifications } from '../notifications/index.ts';
import { readSecuritySettings } from '../security-settings/index.ts';
import { confirmationExpired, confirmationNotFound, confirmationUsed } from './confirmation-problems.ts';

/**
 * "This wasn't me", in one transaction: the link is used (once), every console and app session of
 * the user ends, a high-severity alert is raised for the owners and its notifications queued. The
 * user's password is not changed here: the page tells them to change it (the sign-in page's reset).
 */
export async function reportNotMe(deps: AppDeps, token: string): Promise<{ sessionsEnded: number; alertId: string }> {
  const tokenHash = hashToken(token);
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const row = await findSignInConfirmation(trx, tokenHash);
    if (!row) throw confirmationNotFound();
    if (row.used_at !== null) throw confirmationUsed();
    if (row.expires_at <= now) throw confirmationExpired();
    // Conditional: of two clicks at once, one uses the link; the other sees it used.
    if (!(await markSignInConfirmationUsed(trx, tokenHash, now))) throw confirmationUsed();
    const { org_id: orgId, user_id: userId } = row;
    const consoleSessions = await deleteSessionsOfUser(trx, orgId, userId);
    const appSessions = await closeSessionsOfUser(trx, { orgId, userId, reason: 'signed_out', now });
    const alert = await openUserReportedAlert(trx, { orgId, userId, signInId: row.sign_in_id, now });
    const settings = await readSecuritySettings(trx, orgId);
    await queueAlertNotifications(trx, { orgId, alerts: [alert], settings, now });
    return { sessionsEnded: consoleSessions + appSessions, alertId: alert.id };
  });
}
