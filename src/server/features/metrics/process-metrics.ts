import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The process's own metrics, shared by everything in it: Node's defaults (event-loop delay,
 * memory, GC, handles), sign-ins by outcome and heartbeat batches. One registry per process:
 * the default collectors watch the process, not an app, and features below HTTP record into
 * it without knowing about requests. The HTTP layer adds its per-app metrics at scrape time
 * (src/server/http/metrics.ts). Under `npm run cluster`, each worker has its own.
 */
export const processRegistry = new Registry();

// Node's standard names (process_*, nodejs_*), as the usual dashboards expect them.
collectDefaultMetrics({ register: processRegistry });

const signIns = new Counter({
  name: 'seatkeeper_sign_ins_total',
  help: 'Sign-in attempts recorded, by client (console or app), outcome and failure reason ("none" on success).',
  labelNames: ['client', 'outcome', 'reason'] as const,
  registers: [processRegistry],
});

const heartbeatBatchSize = new Histogram({
  name: 'seatkeeper_heartbeat_batch_size',
  help: 'Heartbeats written per group-commit transaction.',
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
  registers: [processRegistry],
});

const heartbeatCommitSeconds = new Histogram({
  name: 'seatkeeper_heartbeat_batch_commit_seconds',
  help: 'Time from the start of a heartbeat batch transaction to its commit, in seconds.',
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [processRegistry],
});

/**
 * Counts one recorded sign-in attempt. Called where the attempt is written, inside its
 * transaction: an attempt whose transaction later rolls back (rare: the request failed) still counts.
 * Labels are bounded: two clients, two outcomes, the fixed list of failure reasons.
 */
export function countSignInAttempt(attempt: { client: string; outcome: string; reason: string | null }): void {
  signIns.inc({ client: attempt.client, outcome: attempt.outcome, reason: attempt.reason ?? 'none' });
}

/** One committed heartbeat batch: how many heartbeats it held and how long its transaction took (ms). */
export function observeHeartbeatBatch(size: number, elapsedMs: number): void {
  heartbeatBatchSize.observe(size);
  heartbeatCommitSeconds.observe(elapsedMs / 1000);
}
