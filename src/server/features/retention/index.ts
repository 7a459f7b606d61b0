/** The public entry of retention: the retention job, its schedule and the privacy settings (issue 13). */
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
