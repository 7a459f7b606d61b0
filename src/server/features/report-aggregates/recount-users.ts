import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import {
  type ActiveUserRows,
  activeUserChanges,
  addActiveUserChanges,
  LOOK_AROUND,
  mergeActiveUserChanges,
} from './active-users.ts';
import { ANY_APP, APP_ACTIVE_DAYS, APP_USAGE_TOTALS, SIGN_IN_KEY_DAYS, SIGN_IN_TOTALS } from './aggregate-specs.ts';
import { summariseUserUsage } from './app-usage-aggregates.ts';
import { markDays, takeUserDays } from './day-bitmaps.ts';
import { readTimeZone, readUserAttempts, readUserUsage } from './read-user-events.ts';
import { requireTransaction } from './require-transaction.ts';
import { lockRunningTotalsKey, takeUserRunningTotals, writeRunningTotals } from './running-totals.ts';
import {
  addFailures,
  addKeySpans,
  addOrgDays,
  addToOrgDay,
  type OrgDay,
  summariseAttempts,
} from './sign-in-aggregates.ts';

/**
 * The batched rebuild's step: recounts some users of an organization from their raw events,
 * inside the caller's (short) transaction, while sign-ins keep arriving. Per user, in the
 * order every writer takes them: lock their latest-totals keys (a concurrent writer of the
 * same user waits, and its events are then either already in the raw tables this reads, or
 * added after this commits — counted once either way), take out their old aggregates, write
 * them again from the raw events in the organization's current zone. The organization's own
 * rows (sign-ins per day, active users) are sums over users: each user's old share (from
 * their old running totals and day bitmaps) is subtracted and the new one added, once for
 * the whole batch, after every user's lock.
 *
 * Users are taken in the given order until `budget.attempts` attempts or `budget.ms`
 * milliseconds are spent (at least one user: a user is never split). Answers how many were
 * recounted and their attempts.
 */
export async function recountUsers(
  trx: Db,
  orgId: string,
  userIds: string[],
  budget: { attempts: number; ms: number },
): Promise<{ users: number; attempts: number }> {
  requireTransaction(trx, 'recountUsers');
  const zones = new Map([[orgId, await readTimeZone(trx, orgId)]]);
  const orgDays = new Map<string, OrgDay>();
  const activeUsers: ActiveUserRows = new Map();
  const started = performance.now();
  let attempts = 0;
  let users = 0;
  for (const userId of userIds) {
    if (users > 0 && (attempts >= budget.attempts || performance.now() - started >= budget.ms)) break;
    attempts += await recountUser(trx, orgId, userId, zones, orgDays, activeUsers);
    users++;
  }
  const changedDays = [...orgDays.values()].filter((row) => row.successful || row.failed || row.throttled);
  await addOrgDays(
    trx,
    changedDays.sort((a, b) => (a.day < b.day ? -1 : 1)),
  );
  const changedActive = new Map(
    [...activeUsers].filter(([, row]) => row.users || row.weekly_change || row.monthly_change),
  );
  await addActiveUserChanges(trx, changedActive);
  await dropEmptyOrgRows(trx, orgId, changedDays, [...changedActive.values()]);
  return { users, attempts };
}

async function recountUser(
  trx: Db,
  orgId: string,
  userId: string,
  zones: Map<string, string>,
  orgDays: Map<string, OrgDay>,
  activeUsers: ActiveUserRows,
): Promise<number> {
  // The keys every writer of this user locks first (sign-ins, then app usage for all apps).
  await lockRunningTotalsKey(trx, SIGN_IN_TOTALS, orgId, { user_id: userId });
  await lockRunningTotalsKey(trx, APP_USAGE_TOTALS, orgId, { user_id: userId, app_key: ANY_APP });

  // The old aggregates out; the organization's rows lose this user's old share.
  const signInYears = await yearsOf(trx, SIGN_IN_TOTALS.latest, orgId, userId);
  const appYears = await yearsOf(trx, APP_USAGE_TOTALS.latest, orgId, userId);
  const oldRows = await takeUserRunningTotals(trx, SIGN_IN_TOTALS, orgId, userId, { read: true });
  let previous = { successful: 0, failed: 0, throttled: 0 };
  for (const row of oldRows) {
    const now = { successful: Number(row.successful), failed: Number(row.failed), throttled: Number(row.throttled) };
    addToOrgDay(orgDays, orgId, String(row.day), {
      successful: -(now.successful - previous.successful),
      failed: -(now.failed - previous.failed),
      throttled: -(now.throttled - previous.throttled),
    });
    previous = now;
  }
  await takeUserRunningTotals(trx, APP_USAGE_TOTALS, orgId, userId, { read: false });
  const oldActive = await takeUserDays(trx, APP_ACTIVE_DAYS, orgId, userId, appYears, { read: true });
  for (const { key, days } of oldActive) {
    addActiveDays(activeUsers, orgId, key.app_key ?? ANY_APP, days, -1);
  }
  await takeUserDays(trx, SIGN_IN_KEY_DAYS, orgId, userId, signInYears, { read: false });
  await trx.deleteFrom('sign_in_keys').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  if (oldRows.length > 0) {
    const days = oldRows.map((row) => String(row.day));
    for (let start = 0; start < days.length; start += 400) {
      await trx
        .deleteFrom('daily_failed_sign_ins')
        .where('org_id', '=', orgId)
        .where('day', 'in', days.slice(start, start + 400))
        .where('user_id', '=', userId)
        .execute();
    }
  }

  // The new aggregates from the raw events, in the organization's zone now.
  const attempts = await readUserAttempts(trx, orgId, userId);
  const summary = summariseAttempts(attempts, zones);
  for (const day of summary.orgDays) addToOrgDay(orgDays, orgId, day.day, day);
  await writeRunningTotals(trx, SIGN_IN_TOTALS, orgId, { user_id: userId }, summary.userDays, { replaceLatest: true });
  await markDays(trx, SIGN_IN_KEY_DAYS, summary.marks);
  await addKeySpans(trx, summary.marks);
  await addFailures(trx, summary.failures);

  const usageSummary = summariseUserUsage(orgId, userId, await readUserUsage(trx, orgId, userId), activeUsers);
  for (const [appKey, days] of usageSummary.perKey) {
    await writeRunningTotals(trx, APP_USAGE_TOTALS, orgId, { user_id: userId, app_key: appKey }, days, {
      replaceLatest: true,
    });
  }
  await markDays(trx, APP_ACTIVE_DAYS, usageSummary.marks);
  return attempts.length;
}

/** The calendar years of a user's latest rows' day spans, with a year's margin each side. */
async function yearsOf(trx: Db, latestTable: string, orgId: string, userId: string) {
  const { rows } = await sql<{ first_day: string; last_day: string }>`
    select first_day, last_day from ${sql.table(latestTable)}
    where org_id = ${orgId} and user_id = ${userId} and first_day <> ''`.execute(trx);
  if (rows.length === 0) return { from: 1, to: 0 };
  return {
    from: Math.min(...rows.map((row) => Number(row.first_day.slice(0, 4)))) - 1,
    to: Math.max(...rows.map((row) => Number(row.last_day.slice(0, 4)))) + 1,
  };
}

/** A user's share of the active-user rows for one app's set of days (sign −1: to take it out). */
function addActiveDays(into: ActiveUserRows, orgId: string, app: string, days: number[], sign: 1 | -1) {
  let previous: number | null = null;
  for (const day of days) {
    const near = previous !== null && day - previous <= LOOK_AROUND ? previous : null;
    mergeActiveUserChanges(
      into,
      activeUserChanges(near, day, null).map((change) => ({
        orgId,
        app,
        change: {
          day: change.day,
          users: sign * change.users,
          weekly: sign * change.weekly,
          monthly: sign * change.monthly,
        },
      })),
    );
    previous = day;
  }
}

/** Rows the subtraction left at zero go, as a fresh rebuild would not write them. */
async function dropEmptyOrgRows(
  trx: Db,
  orgId: string,
  days: OrgDay[],
  active: { app_key: string; day: string }[],
): Promise<void> {
  const dayList = days.map((row) => row.day);
  for (let start = 0; start < dayList.length; start += 400) {
    await trx
      .deleteFrom('org_daily_sign_ins')
      .where('org_id', '=', orgId)
      .where('day', 'in', dayList.slice(start, start + 400))
      .where('successful', '=', 0)
      .where('failed', '=', 0)
      .where('throttled', '=', 0)
      .execute();
  }
  const byApp = new Map<string, string[]>();
  for (const row of active) byApp.set(row.app_key, [...(byApp.get(row.app_key) ?? []), row.day]);
  for (const [app, appDays] of byApp) {
    for (let start = 0; start < appDays.length; start += 400) {
      await trx
        .deleteFrom('org_daily_active_users')
        .where('org_id', '=', orgId)
        .where('app_key', '=', app)
        .where('day', 'in', appDays.slice(start, start + 400))
        .where('users', '=', 0)
        .where('weekly_change', '=', 0)
        .where('monthly_change', '=', 0)
        .execute();
    }
  }
}
