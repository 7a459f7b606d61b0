import type { AppDeps } from '../../app-deps.ts';
import { hashToken } from '../../lib/secure-token.ts';
import { findSessionsByToken, markSeatsUsed, markUsersUsedApps } from './app-sessions.repository.ts';
import { closeSessions } from './close-sessions.ts';
import { judgeHeartbeat, sessionInvalid } from './judge-heartbeat.ts';

/**
 * The app signs out: the session ends now and its last stretch of use is counted.
 * A session that was already over (signed out, timed out, unknown) answers its problem.
 */
export async function endAppSession(deps: AppDeps, token: string): Promise<void> {
  const refusal = await deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const [session] = await findSessionsByToken(trx, [hashToken(token)]);
    if (!session) return sessionInvalid();
    const verdict = judgeHeartbeat(session, now);
    if (verdict.kind === 'refuse') return verdict.error;
    if (verdict.kind === 'end') {
      // Over for another reason (seat removed, timed out…): record that reason; the app is quitting anyway.
      await closeSessions(
        trx,
        [{ session, at: verdict.at, reason: verdict.reason, usedUntil: session.last_heartbeat_at }],
        now,
      );
      return verdict.reason === 'timed_out' ? verdict.error : undefined;
    }
    await closeSessions(trx, [{ session, at: now, reason: 'signed_out', usedUntil: now }], now);
    if (session.assignment_id) await markSeatsUsed(trx, [session.assignment_id], now);
    await markUsersUsedApps(trx, [session.user_id], now);
    return undefined;
  });
  if (refusal) throw refusal;
}
