import type { Db } from '../../db/database.ts';

/**
 * The raw events the aggregates are computed from, one user at a time: the full rebuild and
 * the background recount read exactly the same rows. Numbers come back as numbers (PostgreSQL's
 * bigint arrives as text).
 */

/** The organization's time zone: the days every aggregate is counted in. */
export async function readTimeZone(db: Db, orgId: string): Promise<string> {
  const organization = await db
    .selectFrom('organizations')
    .select('time_zone')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  return organization.time_zone;
}

/** One user's sign-in attempts, in no particular order. */
export async function readUserAttempts(db: Db, orgId: string, userId: string) {
  const rows = await db
    .selectFrom('sign_in_attempts')
    .select([
      'org_id',
      'user_id',
      'occurred_at',
      'outcome',
      'failure_reason',
      'ip',
      'device_id',
      'device_type',
      'os',
      'browser',
      'country_code',
    ])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
  return rows.map((row) => ({ ...row, occurred_at: Number(row.occurred_at) }));
}

/** One user's usage counters that hold anything, by app and then day. */
export async function readUserUsage(db: Db, orgId: string, userId: string) {
  const rows = await db
    .selectFrom('daily_app_usage')
    .select(['org_id', 'user_id', 'app_key', 'day', 'sessions', 'active_seconds'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('sessions', '>', 0), eb('active_seconds', '>', 0)]))
    .orderBy('app_key')
    .orderBy('day')
    .execute();
  return rows.map((row) => ({ ...row, sessions: Number(row.sessions), active_seconds: Number(row.active_seconds) }));
}
