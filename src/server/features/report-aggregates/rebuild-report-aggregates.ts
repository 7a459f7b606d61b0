import type { Db } from '../../db/database.ts';
import type { Progress } from '../../lib/progress.ts';
import { type ActiveUserRows, addActiveUserChanges } from './active-users.ts';
import { APP_ACTIVE_DAYS, APP_USAGE_TOTALS, SIGN_IN_KEY_DAYS, SIGN_IN_TOTALS } from './aggregate-specs.ts';
import { summariseUserUsage } from './app-usage-aggregates.ts';
import { markDays } from './day-bitmaps.ts';
import { recountFailingAddressDays } from './failing-addresses.ts';
import { readTimeZone, readUserAttempts, readUserUsage } from './read-user-events.ts';
import { requireTransaction } from './require-transaction.ts';
import { writeRunningTotals } from './running-totals.ts';
import {
  addFailures,
  addKeySpans,
  addOrgDays,
  addToOrgDay,
  type OrgDay,
  summariseAttempts,
} from './sign-in-aggregates.ts';

/** Every table of the reports' aggregates: what a rebuild clears and refills, per organization. */
export const AGGREGATE_TABLES = [
  'org_daily_sign_ins',
  'sign_in_running_totals',
  'sign_in_running_totals_latest',
  'sign_in_key_days',
  'sign_in_keys',
  'daily_failed_sign_ins',
  'daily_failing_addresses',
  'app_usage_running_totals',
  'app_usage_running_totals_latest',
  'app_active_days',
  'org_daily_active_users',
] as const;

/**
 * The catch-up job: recomputes one organization's report aggregates from its raw sign-in
 * attempts and per-day app usage, inside the caller's transaction (idempotent: running it
 * twice gives the same tables). For bulk imports, restores and a changed time zone. On
 * SQLite, writers wait while it runs; on PostgreSQL, run it with the server stopped, or
 * sign-ins that land during the run may be counted in neither or both.
 */
export async function rebuildReportAggregates(
  trx: Db,
  orgId: string,
  progress?: (total: number) => Progress,
): Promise<{ users: number; attempts: number }> {
  requireTransaction(trx, 'rebuildReportAggregates');
  const zones = new Map([[orgId, await readTimeZone(trx, orgId)]]);
  for (const table of AGGREGATE_TABLES) {
    await trx.deleteFrom(table).where('org_id', '=', orgId).execute();
  }
  const users = await trx.selectFrom('users').select('id').where('org_id', '=', orgId).orderBy('id').execute();
  const bar = progress?.(users.length);
  const orgDays = new Map<string, OrgDay>();
  const activeUsers: ActiveUserRows = new Map();
  let attempts = 0;
  for (const { id: userId } of users) {
    const rows = await readUserAttempts(trx, orgId, userId);
    attempts += rows.length;
    const summary = summariseAttempts(rows, zones);
    for (const day of summary.orgDays) addToOrgDay(orgDays, orgId, day.day, day);
    await writeRunningTotals(trx, SIGN_IN_TOTALS, orgId, { user_id: userId }, summary.userDays);
    await markDays(trx, SIGN_IN_KEY_DAYS, summary.marks);
    await addKeySpans(trx, summary.marks);
    await addFailures(trx, summary.failures);
    await rebuildUserAppUsage(trx, orgId, userId, activeUsers);
    bar?.increment();
  }
  await addOrgDays(trx, [...orgDays.values()]);
  await addActiveUserChanges(trx, activeUsers);
  // Every user's failures are in: each day's top addresses are ranked once, from all of them.
  await recountFailingAddressDays(trx, orgId);
  bar?.stop();
  return { users: users.length, attempts };
}

async function rebuildUserAppUsage(db: Db, orgId: string, userId: string, activeUsers: ActiveUserRows) {
  const summary = summariseUserUsage(orgId, userId, await readUserUsage(db, orgId, userId), activeUsers);
  for (const [appKey, days] of summary.perKey) {
    await writeRunningTotals(db, APP_USAGE_TOTALS, orgId, { user_id: userId, app_key: appKey }, days);
  }
  await markDays(db, APP_ACTIVE_DAYS, summary.marks);
}
