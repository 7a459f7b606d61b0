import type { Db } from '../../db/database.ts';
import type { AppSessionEndReason } from '../../db/schema.ts';
import { addAppUsageAggregates } from '../report-aggregates/index.ts';
import { endBorrowing, findExpiredBorrowings, releaseLeases, releaseLeasesOfSessions } from '../seat-leases/index.ts';
import {
  endSessions,
  findOpenSessionsOfUser,
  findOpenSessionsOnDevice,
  findSilentSessions,
  type SessionState,
} from './app-sessions.repository.ts';
import { addDailyUsage, mergeUsage } from './daily-usage.repository.ts';
import { accrueUsage } from './usage-accrual.ts';

/**
 * Ends sessions and counts their last stretch of use, inside the caller's transaction: each
 * session's end, their seats (releaseLeasesOfSessions: an online lease is freed now, a borrowed
 * one stays out), then the use added to daily_app_usage and to the reports' aggregates. Use is
 * counted up to `usedUntil`: the sign-out for a session the app closed, otherwise the last
 * heartbeat, the last moment the app was known to run.
 */
export async function closeSessions(
  trx: Db,
  given: { session: SessionState; at: number; reason: AppSessionEndReason; usedUntil: number }[],
  now: number,
): Promise<void> {
  // Once per session (the first entry of each), as the batched end returns each id once.
  const seen = new Set<number>();
  const closes = given.filter(({ session }) => !seen.has(session.id) && Boolean(seen.add(session.id)));
  const accrued = closes.map(({ session, usedUntil }) => accrueUsage(session, usedUntil, true));
  // Only what this call ended counts: another transaction may have ended it first, or (a time-out read
  // without a lock) a heartbeat may have come in since, and then the session lives on with its seat.
  const endedHere = await endSessions(
    trx,
    closes.map(({ session, at, reason, usedUntil }, index) => ({
      id: session.id,
      at,
      reason,
      lastHeartbeatAt: Math.max(session.last_heartbeat_at, usedUntil),
      countedUntil: accrued[index]?.countedUntil ?? session.usage_counted_until,
      ...(reason === 'timed_out' ? { unlessHeartbeatAfter: session.last_heartbeat_at } : {}),
    })),
  );
  const ended = [...endedHere].sort((a, b) => a - b);
  const usage = closes.flatMap(({ session }, index) => (endedHere.has(session.id) ? (accrued[index]?.rows ?? []) : []));
  // The subscriptions' rows before the aggregates': the order a sign-in takes them in (take-app-seat.ts).
  await releaseLeasesOfSessions(trx, ended, now);
  const counted = mergeUsage(usage);
  await addDailyUsage(trx, counted);
  await addAppUsageAggregates(trx, counted);
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
 * A new sign-in of the same app on the same device takes over, inside the sign-in's transaction: the
 * user's older open sessions there end now with reason `replaced` (their next call answers 401
 * session-replaced) and their online leases are freed; a borrowed one stays out, for the new session
 * to pick up. Answers how many ended.
 */
export async function replaceSessionsOnDevice(
  trx: Db,
  input: { orgId: string; userId: string; appKey: string; deviceId: string; now: number },
): Promise<number> {
  const sessions = await findOpenSessionsOnDevice(trx, input);
  await closeSessions(
    trx,
    sessions.map((session) => ({
      session,
      at: input.now,
      reason: 'replaced' as const,
      usedUntil: session.last_heartbeat_at,
    })),
    input.now,
  );
  return sessions.length;
}

/**
 * Borrowings whose time is up, a batch at a time: a seat still used by an open app session (the app came
 * back online) becomes an online lease again, renewed by its heartbeats; the others are freed (reason
 * borrow_expired). Answers how many were freed.
 */
export async function releaseExpiredBorrowings(trx: Db, now: number): Promise<number> {
  const expired = await findExpiredBorrowings(trx, now);
  for (const lease of expired.filter((lease) => lease.session_open)) await endBorrowing(trx, lease, now);
  return releaseLeases(
    trx,
    expired.filter((lease) => !lease.session_open),
    { reason: 'borrow_expired', by: null, note: null, now },
  );
}

/**
 * Closes sessions silent past their limit (3 heartbeat intervals, or a floating pool's lease
 * window) at their last heartbeat (not when the sweep noticed): that is when the app was last
 * known to run. Their online leases are freed with them. Returns how many.
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
