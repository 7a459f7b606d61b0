/**
 * The public entry of retention: the retention job, its schedule and the privacy settings (issue 13), and
 * the job lease every scheduled job takes so one process at a time runs it (seat-reclaim's too).
 */
export { acquireJobLease, findJobLease, releaseJobLease, renewJobLease } from './job-leases.repository.ts';
export {
  changePrivacySettings,
  nextRetentionRun,
  RETENTION_SCHEDULE,
  readPrivacySettings,
} from './privacy-settings.ts';
export { startRetentionSchedule } from './retention-schedule.ts';
export {
  PROCESS_HOLDER,
  RETENTION_BATCH,
  RETENTION_JOB,
  RETENTION_KINDS,
  type RetentionOutcome,
  type RetentionResult,
  runRetention,
} from './run-retention.ts';
