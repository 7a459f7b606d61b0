import type { Db } from '../../db/database.ts';
import type { DailyAppUsageRow } from '../../db/schema.ts';
import type { AppError } from '../../http/errors.ts';
import {
  endSessions,
  findSessionsForHeartbeat,
  type HeartbeatSession,
  markSeatsUsed,
  markUsersUsedApps,
  touchSessions,
} from './app-sessions.repository.ts';
import { addDailyUsage, localDay, mergeUsage } from './daily-usage.repository.ts';
import { judgeHeartbeat, sessionInvalid } from './judge-heartbeat.ts';

interface Pending {
  tokenHash: string;
  resolve: (error: AppError | undefined) => void;
  reject: (error: unknown) => void;
}

const LAST_USE_PRECISION_MS = 60_000;

/** Heartbeats written together in one transaction at most; well below SQLite's bound-parameter limit. */
const MAX_BATCH = 500;

/**
 * Group commit for heartbeats. Requests queue while a transaction is being written;
 * the next transaction takes them all (one read, a few batched writes, one fsync).
 * Each request is answered only after the transaction holding it has committed, so an
 * acknowledged heartbeat is durable; under load the cost of the fsync is shared.
 */
export class HeartbeatBatcher {
  private queue: Pending[] = [];
  private writing = false;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** Resolves with undefined when accepted, or the problem to answer. */
  submit(tokenHash: string): Promise<AppError | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ tokenHash, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        // Start on the next turn of the event loop, after every request that arrived in this
        // one has been queued: better-sqlite3 answers synchronously, so starting now would
        // write a batch of one while the others wait unread.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const verdicts = await this.db.transaction().execute((trx) => applyHeartbeats(trx, batch, this.now()));
          batch.forEach((pending, index) => pending.resolve(verdicts[index]));
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

/** Judges and records a batch of heartbeats; answers one verdict per entry, in order. */
async function applyHeartbeats(trx: Db, batch: { tokenHash: string }[], now: number) {
  const sessions = new Map(
    (await findSessionsForHeartbeat(trx, [...new Set(batch.map((entry) => entry.tokenHash))])).map((row) => [
      row.token_hash,
      row,
    ]),
  );
  const alive = new Map<number, HeartbeatSession>();
  const ends: Parameters<typeof endSessions>[1] = [];
  const usage: DailyAppUsageRow[] = [];
  const verdicts = batch.map(({ tokenHash }) => {
    const session = sessions.get(tokenHash);
    if (!session) return sessionInvalid();
    const verdict = judgeHeartbeat(session, now);
    if (verdict.kind === 'alive') {
      usage.push({
        org_id: session.org_id,
        user_id: session.user_id,
        app_key: session.app_key,
        day: localDay(now, session.time_zone),
        sessions: 0,
        active_seconds: verdict.activeSeconds,
      });
      // A second heartbeat of the same session in this batch adds no more time.
      session.last_heartbeat_at = now;
      alive.set(session.id, session);
      return undefined;
    }
    if (verdict.kind === 'end') {
      ends.push({ id: session.id, at: verdict.at, reason: verdict.reason });
      session.ended_at = verdict.at;
      session.end_reason = verdict.reason;
    }
    return verdict.error;
  });

  const touched = [...alive.values()];
  // "Last used" of seats and users is read at minute precision (idle seats, inactive users):
  // refreshing it once a minute, not at every heartbeat, spares two writes per batch under load.
  const stale = (at: number | null) => at === null || now - at >= LAST_USE_PRECISION_MS;
  await touchSessions(
    trx,
    touched.map((session) => session.id),
    now,
  );
  await markSeatsUsed(
    trx,
    touched.flatMap((session) =>
      session.assignment_id && stale(session.seat_last_used_at) ? [session.assignment_id] : [],
    ),
    now,
  );
  await markUsersUsedApps(
    trx,
    [...new Set(touched.filter((session) => stale(session.user_last_app_use_at)).map((session) => session.user_id))],
    now,
  );
  await addDailyUsage(trx, mergeUsage(usage.filter((row) => row.active_seconds > 0)));
  await endSessions(trx, ends);
  return verdicts;
}
