import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DailyFailedSignInRow, SignInAttemptRow, SignInKeyRow } from '../../db/schema.ts';
import { valuesInKeyOrder } from '../../lib/collections.ts';
import { localDay } from '../../lib/local-date.ts';
import { SIGN_IN_KEY_DAYS, SIGN_IN_TOTALS } from './aggregate-specs.ts';
import { type DayMark, markDays } from './day-bitmaps.ts';
import { addToFailingAddresses } from './failing-addresses.ts';
import { requireTransaction } from './require-transaction.ts';
import { addToRunningTotals, type Totals } from './running-totals.ts';

/** Rows per statement: far below SQLite's bound-parameter limit. */
const CHUNK = 500;

/** An organization's sign-ins on one local day (org_daily_sign_ins). */
export interface OrgDay {
  org_id: string;
  day: string;
  successful: number;
  failed: number;
  throttled: number;
}

/** Adds one day's counts to a batch's per-day rows (keyed by organization and day). */
export function addToOrgDay(
  orgDays: Map<string, OrgDay>,
  orgId: string,
  day: string,
  delta: { successful: number; failed: number; throttled: number },
): void {
  const key = `${orgId}|${day}`;
  const row = orgDays.get(key) ?? { org_id: orgId, day, successful: 0, failed: 0, throttled: 0 };
  row.successful += delta.successful;
  row.failed += delta.failed;
  row.throttled += delta.throttled;
  orgDays.set(key, row);
}

/** What the aggregates read of an attempt (a stored sign_in_attempts row has all of it). */
export type AggregatedAttempt = Pick<
  SignInAttemptRow,
  | 'org_id'
  | 'user_id'
  | 'occurred_at'
  | 'outcome'
  | 'failure_reason'
  | 'ip'
  | 'device_id'
  | 'device_type'
  | 'os'
  | 'browser'
  | 'country_code'
>;

/** One batch of attempts folded into the reports' aggregates (pure: no database). */
export function summariseAttempts(attempts: AggregatedAttempt[], zones: Map<string, string>) {
  const orgDays = new Map<string, OrgDay>();
  const userDays = new Map<string, { orgId: string; userId: string; day: string; delta: Totals }>();
  const marks: DayMark[] = [];
  const failures = new Map<string, DailyFailedSignInRow>();
  for (const attempt of attempts) {
    if (attempt.org_id === null || attempt.user_id === null) continue;
    const orgId = attempt.org_id;
    const userId = attempt.user_id;
    const day = localDay(attempt.occurred_at, zones.get(orgId) ?? 'UTC');
    const failed = attempt.outcome === 'success' ? 0 : 1;
    const throttled = attempt.failure_reason === 'throttled' ? 1 : 0;
    addToOrgDay(orgDays, orgId, day, { successful: 1 - failed, failed, throttled });
    const userDayKey = `${orgId}|${userId}|${day}`;
    const userDay = userDays.get(userDayKey) ?? {
      orgId,
      userId,
      day,
      delta: { successful: 0, failed: 0, throttled: 0, last_failed_at: null },
    };
    userDay.delta.successful = Number(userDay.delta.successful) + 1 - failed;
    userDay.delta.failed = Number(userDay.delta.failed) + failed;
    userDay.delta.throttled = Number(userDay.delta.throttled) + throttled;
    if (failed) userDay.delta.last_failed_at = Math.max(Number(userDay.delta.last_failed_at ?? 0), attempt.occurred_at);
    userDays.set(userDayKey, userDay);
    for (const key of keysOf(attempt)) marks.push({ orgId, userId, key, day });
    if (failed) {
      const failureKey = `${orgId}|${day}|${attempt.ip}|${userId}`;
      const failure = failures.get(failureKey) ?? {
        org_id: orgId,
        day,
        ip: attempt.ip,
        user_id: userId,
        failed: 0,
        last_at: 0,
      };
      failure.failed++;
      failure.last_at = Math.max(failure.last_at, attempt.occurred_at);
      failures.set(failureKey, failure);
    }
  }
  return {
    orgDays: valuesInKeyOrder(orgDays),
    userDays: valuesInKeyOrder(userDays),
    marks,
    failures: valuesInKeyOrder(failures),
  };
}

/**
 * Adds attempts to the aggregates the reports read, inside the caller's transaction: the use
 * case that stores the attempts calls it right after, so an attempt and its counts commit
 * together. Attempts without an organization (unknown accounts) are not aggregated.
 */
export async function addSignInAggregates(db: Db, attempts: AggregatedAttempt[]): Promise<void> {
  requireTransaction(db, 'addSignInAggregates');
  const orgIds = [...new Set(attempts.flatMap((attempt) => (attempt.org_id === null ? [] : [attempt.org_id])))];
  if (orgIds.length === 0) return;
  const summary = summariseAttempts(attempts, await timeZonesOf(db, orgIds));
  // The users' latest-totals rows are locked first and the organization's rows last, the
  // order the batched recount (recount-users.ts) takes them in too: no deadlock (PostgreSQL).
  for (const { orgId, userId, day, delta } of summary.userDays) {
    await addToRunningTotals(db, SIGN_IN_TOTALS, orgId, { user_id: userId }, day, delta);
  }
  await markDays(db, SIGN_IN_KEY_DAYS, summary.marks);
  await addKeySpans(db, summary.marks);
  await addFailures(db, summary.failures);
  await addToFailingAddresses(
    db,
    summary.failures.map((row) => ({ orgId: row.org_id, day: row.day, ip: row.ip })),
  );
  await addOrgDays(db, summary.orgDays);
}

/** Widens each device's and country's first–last day span to the marks' days. */
export async function addKeySpans(db: Db, marks: DayMark[]): Promise<void> {
  const spans = new Map<string, SignInKeyRow>();
  for (const mark of marks) {
    const id = JSON.stringify([mark.orgId, mark.userId, mark.key.kind, mark.key.value]);
    const span = spans.get(id);
    if (span) {
      if (mark.day < span.first_day) span.first_day = mark.day;
      if (mark.day > span.last_day) span.last_day = mark.day;
    } else {
      spans.set(id, {
        org_id: mark.orgId,
        user_id: mark.userId,
        kind: mark.key.kind === 'country' ? 'country' : 'device',
        value: mark.key.value ?? '',
        first_day: mark.day,
        last_day: mark.day,
      });
    }
  }
  for (const chunk of chunks(valuesInKeyOrder(spans))) {
    await db
      .insertInto('sign_in_keys')
      .values(chunk)
      .onConflict((conflict) =>
        conflict.columns(['org_id', 'user_id', 'kind', 'value']).doUpdateSet({
          first_day: sql`case when excluded.first_day < sign_in_keys.first_day then excluded.first_day else sign_in_keys.first_day end`,
          last_day: sql`case when excluded.last_day > sign_in_keys.last_day then excluded.last_day else sign_in_keys.last_day end`,
        }),
      )
      .execute();
  }
}

export async function addOrgDays(db: Db, rows: OrgDay[]): Promise<void> {
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('org_daily_sign_ins')
      .values(chunk)
      .onConflict((conflict) =>
        conflict.columns(['org_id', 'day']).doUpdateSet({
          successful: sql`org_daily_sign_ins.successful + excluded.successful`,
          failed: sql`org_daily_sign_ins.failed + excluded.failed`,
          throttled: sql`org_daily_sign_ins.throttled + excluded.throttled`,
        }),
      )
      .execute();
  }
}

/** Failures by address and account: "one IP failing on many accounts". */
export async function addFailures(db: Db, rows: DailyFailedSignInRow[]): Promise<void> {
  for (const chunk of chunks(rows)) {
    await db
      .insertInto('daily_failed_sign_ins')
      .values(chunk)
      .onConflict((conflict) =>
        conflict.columns(['org_id', 'day', 'ip', 'user_id']).doUpdateSet({
          failed: sql`daily_failed_sign_ins.failed + excluded.failed`,
          last_at: sql`case when excluded.last_at > daily_failed_sign_ins.last_at then excluded.last_at else daily_failed_sign_ins.last_at end`,
        }),
      )
      .execute();
  }
}

/** What makes a device "the same" across days: an app's own device id, or the browser's type, OS and browser. */
function keysOf(attempt: AggregatedAttempt): Record<string, string>[] {
  const device = attempt.device_id
    ? `app:${attempt.device_id}`
    : `${attempt.device_type}:${attempt.os ?? '?'}:${attempt.browser ?? '?'}`;
  return [
    { kind: 'device', value: device },
    ...(attempt.country_code ? [{ kind: 'country', value: attempt.country_code }] : []),
  ];
}

async function timeZonesOf(db: Db, orgIds: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('organizations').select(['id', 'time_zone']).where('id', 'in', orgIds).execute();
  return new Map(rows.map((row) => [row.id, row.time_zone]));
}

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += CHUNK) yield items.slice(start, start + CHUNK);
}
