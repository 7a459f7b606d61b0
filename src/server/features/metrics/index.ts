/** The public entry of metrics: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */

export {
  SAME_IN_EVERY_WORKER,
  serveClusterMetrics,
  shareWorkerMetrics,
  WORKER_ANSWER_TIMEOUT_MS,
} from './cluster-metrics.ts';
export { countSignInAttempt, observeHeartbeatBatch, processRegistry } from './process-metrics.ts';
