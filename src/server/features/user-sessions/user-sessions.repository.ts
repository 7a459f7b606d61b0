import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * The sessions list's reads: a user's live console sessions (with the sign-in attempt that opened
 * each) and live app sessions. Read-only: ending them goes through auth and app-sessions, which own
 * those tables.
 */

/** More live sessions than this of one kind is a script, not a person; the list shows the most recent. */
export const LIST_LIMIT = 500;

/** Console sessions neither past their absolute end nor idle for `idleMs` (the cookie still works). */
export async function findLiveConsoleSessions(
  db: Db,
  orgId: string,
  userId: string,
  window: { now: number; idleMs: number },
) {
  return db
    .selectFrom('sessions as s')
    .leftJoin('sign_in_attempts as a', (join) =>
      join.onRef('a.id', '=', 's.sign_in_attempt_id').onRef('a.org_id', '=', 's.org_id'),
    )
    .select([
      's.id_hash',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      'a.ip',
      'a.country_code',
      'a.country',
      'a.region',
      'a.city',
      'a.latitude',
      'a.longitude',
      'a.asn',
      'a.as_organization',
      'a.device_type',
      'a.os',
      'a.os_version',
      'a.browser',
      'a.browser_version',
      'a.device_id',
    ])
    .where('s.org_id', '=', orgId)
    .where('s.user_id', '=', userId)
    .where('s.expires_at', '>', window.now)
    .where('s.last_seen_at', '>', window.now - window.idleMs)
    .orderBy('s.last_seen_at', 'desc')
    .orderBy('s.id_hash')
    .limit(LIST_LIMIT)
    .execute();
}
export type ConsoleSessionRow = Awaited<ReturnType<typeof findLiveConsoleSessions>>[number];

/** App sessions still open and not yet silent for 3 heartbeat intervals (judge-heartbeat.ts's rule). */
export async function findLiveAppSessions(db: Db, orgId: string, userId: string, now: number) {
  return db
    .selectFrom('app_sessions as s')
    .select([
      's.id',
      's.app_key',
      's.app_version',
      's.heartbeat_interval_s',
      's.started_at',
      's.last_heartbeat_at',
      's.ip',
      's.country_code',
      's.country',
      's.region',
      's.city',
      's.latitude',
      's.longitude',
      's.asn',
      's.as_organization',
      's.device_type',
      's.device_id',
      's.device_name',
      's.os',
      's.os_version',
    ])
    .where('s.org_id', '=', orgId)
    .where('s.user_id', '=', userId)
    .where('s.ended_at', 'is', null)
    .where(sql<SqlBool>`s.last_heartbeat_at + s.heartbeat_interval_s * 3000 >= ${now}`)
    .orderBy('s.last_heartbeat_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(LIST_LIMIT)
    .execute();
}
export type AppSessionListRow = Awaited<ReturnType<typeof findLiveAppSessions>>[number];

/** The id_hash of every live console session of a user: "End" finds the one behind a public id among them. */
export async function findLiveConsoleSessionHashes(
  db: Db,
  orgId: string,
  userId: string,
  window: { now: number; idleMs: number },
): Promise<string[]> {
  const rows = await db
    .selectFrom('sessions')
    .select('id_hash')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('expires_at', '>', window.now)
    .where('last_seen_at', '>', window.now - window.idleMs)
    .execute();
  return rows.map((row) => row.id_hash);
}
