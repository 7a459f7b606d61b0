import type { AppDeps } from '../../http/app-deps.ts';
import { hashToken } from '../../lib/secure-token.ts';
import { endSessions, findSessionsForHeartbeat, markSeatsUsed, markUsersUsedApps } from './app-sessions.repository.ts';
import { addDailyUsage, localDay } from './daily-usage.repository.ts';
import { judgeHeartbeat, sessionInvalid } from './judge-heartbeat.ts';

/**
 * The app signs out: the session ends now and its last stretch of use is counted.
 * A session that was already over (signed out, timed out, unknown) answers its problem.
 */
export async function endAppSession(deps: AppDeps, token: string): Promise<void> {
  const refusal = await deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const [session] = await findSessionsForHeartbeat(trx, [hashToken(token)]);
    if (!session) return sessionInvalid();
    const verdict = judgeHeartbeat(session, now);
    if (verdict.kind === 'refuse') return verdict.error;
    if (verdict.kind === 'end') {
      // Over for another reason (seat removed, timed out…): record that reason; the app is quitting anyway.
      await endSessions(trx, [{ id: session.id, at: verdict.at, reason: verdict.reason }]);
      return verdict.reason === 'timed_out' ? verdict.error : undefined;
    }
    await endSessions(trx, [{ id: session.id, at: now, reason: 'signed_out', lastHeartbeatAt: now }]);
    if (session.assignment_id) await markSeatsUsed(trx, [session.assignment_id], now);
    await markUsersUsedApps(trx, [session.user_id], now);
    await addDailyUsage(trx, [
      {
        org_id: session.org_id,
        user_id: session.user_id,
        app_key: session.app_key,
        day: localDay(now, session.time_zone),
        sessions: 0,
        active_seconds: verdict.activeSeconds,
      },
    ]);
    return undefined;
  });
  if (refusal) throw refusal;
}
