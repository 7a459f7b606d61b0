import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DailyFailedSignInRow, DailySignInKeyRow, DailySignInRow } from '../../db/schema.ts';
import { localDay } from '../app-sessions/daily-usage.repository.ts';
import type { NewSignInAttempt } from './activity.repository.ts';

/** Rows per statement: far below SQLite's bound-parameter limit. */
const CHUNK = 500;

/**
 * Adds attempts to the per-day aggregates the reports read, inside the caller's
 * transaction (an attempt and its counts commit together). Attempts without an
 * organization (unknown accounts) are not aggregated.
 */
export async function addSignInAggregates(db: Db, attempts: NewSignInAttempt[]): Promise<void> {
  const known = attempts.filter((attempt) => attempt.org_id !== null && attempt.user_id !== null);
  if (known.length === 0) return;
  const zones = await timeZonesOf(db, [...new Set(known.map((attempt) => attempt.org_id as string))]);
  const counts = new Map<string, DailySignInRow>();
  const keys = new Map<string, DailySignInKeyRow>();
  const failures = new Map<string, DailyFailedSignInRow>();
  for (const attempt of known) {
    const org_id = attempt.org_id as string;
    const user_id = attempt.user_id as string;
    const day = localDay(attempt.occurred_at, zones.get(org_id) ?? 'UTC');
    const countKey = `${org_id}|${user_id}|${day}`;
    const count = counts.get(countKey) ?? { org_id, user_id, day, successful: 0, failed: 0, throttled: 0 };
    if (attempt.outcome === 'success') count.successful++;
    else count.failed++;
    if (attempt.failure_reason === 'throttled') count.throttled++;
    counts.set(countKey, count);
    for (const key of keysOf(attempt)) {
      keys.set(`${countKey}|${key.kind}|${key.value}`, { org_id, user_id, day, ...key });
    }
    if (attempt.outcome === 'failure') {
      const failureKey = `${org_id}|${day}|${attempt.ip}|${user_id}`;
      const failure = failures.get(failureKey) ?? { org_id, day, ip: attempt.ip, user_id, failed: 0, last_at: 0 };
      failure.failed++;
      failure.last_at = Math.max(failure.last_at, attempt.occurred_at);
      failures.set(failureKey, failure);
    }
  }
  // Sorted keys: concurrent transactions take row locks in the same order (PostgreSQL).
  for (const chunk of chunks(sortedValues(counts))) {
    await db
      .insertInto('daily_sign_ins')
      .values(chunk)
      .onConflict((conflict) =>
        conflict.columns(['org_id', 'day', 'user_id']).doUpdateSet({
          successful: sql`daily_sign_ins.successful + excluded.successful`,
          failed: sql`daily_sign_ins.failed + excluded.failed`,
          throttled: sql`daily_sign_ins.throttled + excluded.throttled`,
        }),
      )
      .execute();
  }
  for (const chunk of chunks(sortedValues(keys))) {
    await db
      .insertInto('daily_sign_in_keys')
      .values(chunk)
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }
  for (const chunk of chunks(sortedValues(failures))) {
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
function keysOf(attempt: NewSignInAttempt): Pick<DailySignInKeyRow, 'kind' | 'value'>[] {
  const device = attempt.device_id
    ? `app:${attempt.device_id}`
    : `${attempt.device_type}:${attempt.os ?? '?'}:${attempt.browser ?? '?'}`;
  return [
    { kind: 'device', value: device },
    ...(attempt.country_code ? [{ kind: 'country' as const, value: attempt.country_code }] : []),
  ];
}

async function timeZonesOf(db: Db, orgIds: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('organizations').select(['id', 'time_zone']).where('id', 'in', orgIds).execute();
  return new Map(rows.map((row) => [row.id, row.time_zone]));
}

function sortedValues<T>(map: Map<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += CHUNK) yield items.slice(start, start + CHUNK);
}
