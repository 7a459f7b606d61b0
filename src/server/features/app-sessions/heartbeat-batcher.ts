import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { DailyAppUsageRow } from '../../db/schema.ts';
import type { AppError } from '../../lib/app-error.ts';
import { observeHeartbeatBatch } from '../metrics/index.ts';
import { addAppUsageAggregates } from '../report-aggregates/index.ts';
import {
  findSessionsByToken,
  markSeatsUsed,
  markUsersUsedApps,
  type SessionState,
  touchSessions,
} from './app-sessions.repository.ts';
import { closeSessions } from './close-sessions.ts';
import { addDailyUsage, mergeUsage } from './daily-usage.repository.ts';
import { judgeHeartbeat, sessionInvalid } from './judge-heartbeat.ts';
import { accrueUsage } from './usage-accrual.ts';

interface Pending {
  tokenHash: string;
  resolve: (error: AppError | undefined) => void;
  reject: (error: unknown) => void;
}

const LAST_USE_PRECISION_MS = 15 * 60_000;

/** Heartbeats written together in one transaction at most: bounds how long one commit holds its rows. */
const MAX_BATCH = 500;

/**
 * Heartbeat transactions in flight at once: 1 on SQLite (one writer). On PostgreSQL 2 (while one
 * batch waits for its commit's fsync the next is read and written), fewer only when the pool
 * (DATABASE_POOL_SIZE) could not spare them beside other requests. Three in flight were not
 * measured faster on the 2-core machine (README § Heartbeats); a bigger batch costs the same statements.
 */
export function heartbeatParallelism(database: Config['database']): number {
  if (database.kind === 'sqlite') return 1;
  return Math.min(2, Math.max(1, (database.poolSize ?? 10) - 2));
}

/**
 * Group commit for heartbeats. Requests queue while a transaction is being written;
 * the next transaction takes them all (one read, a few batched writes, one fsync).
 * Each request is answered only after the transaction holding it has committed, so an
 * acknowledged heartbeat is durable; under load the cost of the fsync is shared.
 *
 * `parallel` transactions may be in flight: 1 on SQLite (one writer anyway), a few on
 * PostgreSQL, whose round trips would otherwise leave its connections idle.
 */
export class HeartbeatBatcher {
  private queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;
  /**
   * Sessions in a batch being written. A heartbeat of one waits for the next batch: two batches in
   * flight that read the same session would both count its use since the last mark, and the one
   * committing last could move its last heartbeat back.
   */
  private readonly busy = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly parallel = 1,
  ) {}

  /** Resolves with undefined when accepted, or the problem to answer. */
  submit(tokenHash: string): Promise<AppError | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ tokenHash, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.parallel || this.queue.length === 0) return;
    this.scheduled = true;
    // Start on the next turn of the event loop, after every request that arrived in this
    // one has been queued: better-sqlite3 answers synchronously, so starting now would
    // write a batch of one while the others wait unread.
    setImmediate(() => {
      this.scheduled = false;
      void this.writeBatch();
    });
  }

  private async writeBatch(): Promise<void> {
    const batch = this.takeBatch();
    if (batch.length === 0) return;
    const tokens = new Set(batch.map((pending) => pending.tokenHash));
    for (const token of tokens) this.busy.add(token);
    // The batch's time is when it was taken: every heartbeat in it had arrived by then.
    const now = this.now();
    this.inFlight++;
    this.schedule();
    try {
      const started = performance.now();
      const verdicts = await this.db.transaction().execute((trx) => applyHeartbeats(trx, batch, now));
      observeHeartbeatBatch(batch.length, performance.now() - started);
      for (const [index, pending] of batch.entries()) pending.resolve(verdicts[index]);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    } finally {
      for (const token of tokens) this.busy.delete(token);
      this.inFlight--;
      this.schedule();
    }
  }

  /** Up to MAX_BATCH queued heartbeats, in arrival order, of sessions no batch in flight holds. */
  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    const waiting: Pending[] = [];
    for (const pending of this.queue) {
      if (batch.length < MAX_BATCH && !this.busy.has(pending.tokenHash)) batch.push(pending);
      else waiting.push(pending);
    }
    this.queue = waiting;
    return batch;
  }
}

/**
 * Judges and records a batch of heartbeats, inside the batch's transaction; answers one verdict
 * per entry, in order. Its whole effect: the sessions touched, seats and users marked used, the
 * use accrued since the last count added to daily_app_usage and to the reports' aggregates,
 * and sessions found over closed (with their last stretch of use counted).
 */
async function applyHeartbeats(trx: Db, batch: { tokenHash: string }[], now: number) {
  const found = await findSessionsByToken(trx, [...new Set(batch.map((entry) => entry.tokenHash))]);
  const sessions = new Map(found.map((row) => [row.token_hash, row]));
  const alive = new Map<number, SessionState>();
  const closes: Parameters<typeof closeSessions>[1] = [];
  const verdicts = batch.map(({ tokenHash }) => {
    const session = sessions.get(tokenHash);
    if (!session) return sessionInvalid();
    const verdict = judgeHeartbeat(session, now);
    if (verdict.kind === 'alive') {
      alive.set(session.id, session);
      return undefined;
    }
    if (verdict.kind === 'end') {
      closes.push({ session, at: verdict.at, reason: verdict.reason, usedUntil: session.last_heartbeat_at });
      // A later heartbeat of the same session in this batch is refused as ended.
      session.ended_at = verdict.at;
      session.end_reason = verdict.reason;
    }
    return verdict.error;
  });

  const touched = [...alive.values()];
  const usage: DailyAppUsageRow[] = [];
  const flushed: number[] = [];
  for (const session of touched) {
    const accrued = accrueUsage(session, now, false);
    if (accrued.rows.length > 0 || accrued.countedUntil !== session.usage_counted_until) {
      usage.push(...accrued.rows);
      flushed.push(session.id);
    }
  }
  // "Last used" of seats and users is read at a quarter-hour's precision (idle seats, inactive
  // users): refreshing it that often, not at every heartbeat, spares two writes per heartbeat.
  const stale = (at: number | null) => at === null || now - at >= LAST_USE_PRECISION_MS;
  // Seats, then users, then sessions: the order a sign-in locks them in (take-app-seat.ts).
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
  await touchSessions(
    trx,
    touched.map((session) => session.id),
    now,
    flushed,
  );
  // Sessions over first: their seats' subscriptions are locked before any aggregate row, the order a
  // sign-in takes them in (take-app-seat.ts), so a batch and a sign-in never wait on each other in a circle.
  await closeSessions(trx, closes, now);
  const counted = mergeUsage(usage);
  await addDailyUsage(trx, counted);
  await addAppUsageAggregates(trx, counted);
  return verdicts;
}
