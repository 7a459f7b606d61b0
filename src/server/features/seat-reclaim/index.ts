/**
 * The public entry of seat-reclaim (issue 14): the dormant-seat policy of named subscriptions — the
 * daily job (warning mail, reclaim), its schedule, the preview and undo. What http/, cli/ and start may
 * use of it (.dependency-cruiser.cjs refuses any other way in).
 */

export { judgeSeat } from './reclaim-rules.ts';
export { RECLAIM_SCHEDULE, startReclaimSchedule } from './reclaim-schedule.ts';
export {
  RECLAIM_BATCH,
  RECLAIM_JOB,
  type ReclaimOutcome,
  type ReclaimRunResult,
  runSeatReclaim,
} from './run-seat-reclaim.ts';
