/**
 * The reports' aggregates (see docs/ARCHITECTURE.md, Reports): the only entry the rest of the
 * code imports. Writers run inside the transaction of the events they count, called by the use
 * case right after it stores them; readers answer the reports; the rebuild recomputes an
 * organization's tables from the raw events — at once inside a transaction
 * (rebuildReportAggregates: migrations' checks, tests), or in the background in short batches
 * (requestReportRebuild + startReportRebuild, runReportRebuild: a changed zone, the CLI).
 */
export { readActiveUserSeries, readPeakDailyUsers } from './active-users.ts';
export { addAppUsageAggregates } from './app-usage-aggregates.ts';
export {
  ADDRESSES_SHOWN,
  readFailingAddresses,
  recountFailingAddressDays,
  TOP_ADDRESSES_PER_DAY,
} from './failing-addresses.ts';
export {
  countDistinctSignInKeys,
  readAppUsageTotals,
  readSignInsPerDay,
  readSignInTotals,
} from './read-report-aggregates.ts';
export { AGGREGATE_TABLES, rebuildReportAggregates } from './rebuild-report-aggregates.ts';
export {
  isRebuildRunningHere,
  isRecounting,
  type RebuildOptions,
  type ReportRebuildState,
  readReportRebuild,
  requestReportRebuild,
  resumeReportRebuilds,
  runReportRebuild,
  startReportRebuild,
  stopReportRebuilds,
} from './report-rebuilds.ts';
export { type AggregatedAttempt, addSignInAggregates } from './sign-in-aggregates.ts';
