/** The public entry of metrics: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */

export { countSignInAttempt, observeHeartbeatBatch, processRegistry } from './process-metrics.ts';
