import type { Db } from '../../db/database.ts';
import type { AppSessionEndReason } from '../../db/schema.ts';
import { addAppUsageAggregates } from '../report-aggregates/index.ts';
import { releaseLeasesOfSessions } from '../seat-leases/index.ts';
import {
  endSession,
  findOpenSessionsOfUser,
  findSilentSessions,
  type SessionState,
} from './app-sessions.repository.ts';
import { addDailyUsage, mergeUsage } from './daily-usage.repository.ts';
import { accrueUsage } from './usage-accrual.ts';

/**
 * Ends sessions and counts their last stretch of use, inside the caller's transaction: each
 * session's end, then the use added to daily_app_usage and to the reports' aggregates, then their
 * seats (releaseLeasesOfSessions: an online lease is freed now, a borrowed one stays out). Use is
 * counted up to `usedUntil`: the sign-out for a session the app closed, otherwise the last
 * heartbeat, the last moment the app was known to run.
 */
export async function closeSessions(
  trx: Db,
  closes: { session: SessionState; at: number; reason: AppSessionEndReason; usedUntil: number }[],
  now: number,
): Promise<void> {
  const usage = [];
  for (const { session, at, reason, usedUntil } of closes) {
    const accrued = accrueUsage(session, usedUntil, true);
    usage.push(...accrued.rows);
    await endSession(trx, {
      id: session.id,
      at,
      reason,
      lastHeartbeatAt: Math.max(session.last_heartbeat_at, usedUntil),
      countedUntil: accrued.countedUntil,
    });
  }
  const counted = mergeUsage(usage);
  await addDailyUsage(trx, counted);
  await addAppUsageAggregates(trx, counted);
  await releaseLeasesOfSessions(
    trx,
    closes.map((close) => close.session.id),
    now,
  );
}

/**
 * Ends a user's open sessions at once (deactivation), those of one subscription (seat removed), or
 * one session (ended from the console's sessions list); answers how many.
 */
export async function closeSessionsOfUser(
  trx: Db,
  input: {
    orgId: string;
    userId: string;
    subscriptionId?: string;
    sessionId?: number;
    reason: AppSessionEndReason;
    now: number;
  },
): Promise<number> {
  const sessions = await findOpenSessionsOfUser(trx, input.orgId, input.userId, input.subscriptionId, input.sessionId);
  await closeSessions(
    trx,
    sessions.map((session) => ({ session, at: input.now, reason: input.reason, usedUntil: session.last_heartbeat_at })),
    input.now,
  );
  return sessions.length;
}

/**
 * Closes sessions silent for 3 heartbeat intervals at their last heartbeat (not when the
 * sweep noticed): that is when the app was last known to run. Returns how many.
 */
export async function closeSilentSessions(trx: Db, now: number): Promise<number> {
  const silent = await findSilentSessions(trx, now);
  await closeSessions(
    trx,
    silent.map((session) => ({
      session,
      at: session.last_heartbeat_at,
      reason: 'timed_out' as const,
      usedUntil: session.last_heartbeat_at,
    })),
    now,
  );
  return silent.length;
}
