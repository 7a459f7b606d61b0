import { type SqlBool, sql } from 'kysely';
import { isAnyOf, valuesTable } from '../../db/batch-params.ts';
import type { Db } from '../../db/database.ts';
import { isSqlite } from '../../db/dialect.ts';
import type { AppSessionEndReason, AppSessionRow } from '../../db/schema.ts';
import { anonymiseIp } from '../../lib/anonymise-ip.ts';
import type { NewSignInAttempt } from '../activity/index.ts';

/** A session to store; its method defaults to a password. */
export type NewAppSession = Omit<AppSessionRow, 'id' | 'method' | 'silence_limit_s'> & {
  method?: string;
  silence_limit_s?: number | null;
};

/** Where, on what and how a session runs: copied from the sign-in attempt that opened it (IP → place, app's device, method). */
export function sessionPlaceOf(attempt: NewSignInAttempt) {
  return {
    ip: attempt.ip,
    country_code: attempt.country_code,
    country: attempt.country,
    region: attempt.region,
    city: attempt.city,
    latitude: attempt.latitude,
    longitude: attempt.longitude,
    asn: attempt.asn,
    as_organization: attempt.as_organization,
    device_type: attempt.device_type,
    device_id: attempt.device_id,
    device_name: attempt.device_name,
    os: attempt.os,
    os_version: attempt.os_version,
    method: attempt.method ?? 'password',
  };
}

export async function insertAppSession(db: Db, given: NewAppSession): Promise<number> {
  // IP anonymisation 'always' (features/retention): the organization's sessions store the cut address.
  const cutting = await db
    .selectFrom('organizations')
    .select('id')
    .where('id', '=', given.org_id)
    .where('ip_anonymisation', '=', 'always')
    .executeTakeFirst();
  const row = cutting ? { ...given, ip: anonymiseIp(given.ip) } : given;
  const inserted = await db.insertInto('app_sessions').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/**
 * Everything a heartbeat, a sign-out or a forced end must know of a session: its
 * user's status, its subscription's kind and expiry, the named seat (if still held),
 * its live lease (a floating session lives on it) and the organization's time zone
 * (usage is counted per local day). One read for a whole batch: a session has at most
 * one live lease, so the left join keeps one row per session. The owner's note of a
 * force-released lease is read only for a session that ended so.
 */
function selectSessionState(db: Db) {
  return db
    .selectFrom('app_sessions as s')
    .innerJoin('users as u', (join) => join.onRef('u.id', '=', 's.user_id').onRef('u.org_id', '=', 's.org_id'))
    .innerJoin('subscriptions as sub', 'sub.id', 's.subscription_id')
    .innerJoin('organizations as o', 'o.id', 's.org_id')
    .leftJoin('seat_assignments as a', (join) =>
      join
        .onRef('a.subscription_id', '=', 's.subscription_id')
        .onRef('a.user_id', '=', 's.user_id')
        .on('a.unassigned_at', 'is', null),
    )
    .leftJoin('seat_leases as l', (join) => join.onRef('l.app_session_id', '=', 's.id').on('l.released_at', 'is', null))
    .select((eb) => [
      's.id',
      's.token_hash',
      's.org_id',
      's.user_id',
      's.subscription_id',
      's.app_key',
      's.heartbeat_interval_s',
      's.silence_limit_s',
      's.last_heartbeat_at',
      's.usage_counted_until',
      's.ended_at',
      's.end_reason',
      'u.status as user_status',
      'u.last_app_use_at as user_last_app_use_at',
      'sub.expires_at as subscription_expires_at',
      'sub.kind as subscription_kind',
      'a.id as assignment_id',
      'a.last_used_at as seat_last_used_at',
      'l.id as lease_id',
      'o.time_zone',
      eb
        .case()
        .when('s.end_reason', '=', 'lease_released')
        .then(
          eb
            .selectFrom('seat_leases as released')
            .select('released.release_note')
            .whereRef('released.app_session_id', '=', 's.id')
            .where('released.release_reason', '=', 'force_released')
            .orderBy('released.released_at', 'desc')
            .limit(1),
        )
        .else(null)
        .end()
        .as('lease_note'),
    ]);
}

export type SessionState = Awaited<ReturnType<typeof findSessionsByToken>>[number];

/** A batch of tokens' sessions in one query. */
export async function findSessionsByToken(db: Db, tokenHashes: string[]) {
  if (tokenHashes.length === 0) return [];
  return selectSessionState(db).where('s.token_hash', 'in', tokenHashes).execute();
}

/** A user's open sessions (all, those of one subscription, or one session). */
export async function findOpenSessionsOfUser(
  db: Db,
  orgId: string,
  userId: string,
  subscriptionId?: string,
  sessionId?: number,
) {
  let query = selectSessionState(db)
    .where('s.org_id', '=', orgId)
    .where('s.user_id', '=', userId)
    .where('s.ended_at', 'is', null);
  if (subscriptionId) query = query.where('s.subscription_id', '=', subscriptionId);
  if (sessionId !== undefined) query = query.where('s.id', '=', sessionId);
  return query.execute();
}

/** The silence (ms) after which a session is over: its own limit (a floating pool's lease window), else 3 heartbeat intervals. */
const silenceLimitMs = sql<number>`coalesce(s.silence_limit_s, s.heartbeat_interval_s * 3) * 1000`;

/** Open sessions silent for longer than their silence limit. */
export async function findSilentSessions(db: Db, now: number) {
  return selectSessionState(db)
    .where('s.ended_at', 'is', null)
    .where(sql<SqlBool>`s.last_heartbeat_at + ${silenceLimitMs} < ${now}`)
    .execute();
}

/** A user's open sessions of one app on one device: a new sign-in there replaces them. */
export async function findOpenSessionsOnDevice(
  db: Db,
  input: { orgId: string; userId: string; appKey: string; deviceId: string },
) {
  return selectSessionState(db)
    .where('s.org_id', '=', input.orgId)
    .where('s.user_id', '=', input.userId)
    .where('s.app_key', '=', input.appKey)
    .where('s.device_id', '=', input.deviceId)
    .where('s.ended_at', 'is', null)
    .execute();
}

/**
 * When the soonest online lease of these pools could lapse (ms): the earliest last heartbeat + silence
 * limit among their open sessions holding a lease that is not borrowed. Null when none is online.
 */
export async function findSoonestLapse(db: Db, orgId: string, subscriptionIds: string[]): Promise<number | null> {
  if (subscriptionIds.length === 0) return null;
  const row = await db
    .selectFrom('app_sessions as s')
    .innerJoin('seat_leases as l', (join) =>
      join.onRef('l.app_session_id', '=', 's.id').on('l.released_at', 'is', null),
    )
    .select(sql<number | string | null>`min(s.last_heartbeat_at + ${silenceLimitMs})`.as('lapse'))
    .where('s.org_id', '=', orgId)
    // Both sides named, so either table's index may drive it (seat_leases_live holds a pool's live leases).
    .where('l.subscription_id', 'in', subscriptionIds)
    .where('s.subscription_id', 'in', subscriptionIds)
    .where('s.ended_at', 'is', null)
    .where('l.borrowed_until', 'is', null)
    .executeTakeFirst();
  return row?.lapse == null ? null : Number(row.lapse);
}

/**
 * Slides sessions forward (last heartbeat = `at`) and moves the usage mark of those in `flushed` to
 * `at` as well: one statement whatever the batch, its rows locked in id order (PostgreSQL).
 */
export async function touchSessions(db: Db, ids: number[], at: number, flushed: number[] = []): Promise<void> {
  if (ids.length === 0) return;
  // Never backwards: another process's batch holding the same session may have committed a later time.
  const latest = isSqlite(db) ? 'max' : 'greatest';
  await sql`update app_sessions set last_heartbeat_at = ${sql.raw(latest)}(last_heartbeat_at, ${at}),
      usage_counted_until = case when ${isAnyOf(db, 'id', flushed, 'bigint')}
        then ${sql.raw(latest)}(usage_counted_until, ${at}) else usage_counted_until end
    where ${lockedIds(db, 'app_sessions', ids)}`.execute(db);
}

/**
 * SQL: `id` is one of `ids`, whose rows are locked first in id order (PostgreSQL; SQLite has one
 * writer): an UPDATE's own locking follows its plan's order, which two batches could take differently.
 */
function lockedIds(db: Db, table: 'app_sessions' | 'seat_assignments' | 'users', ids: readonly (number | string)[]) {
  const type = table === 'users' ? 'text' : 'bigint';
  if (isSqlite(db)) return isAnyOf(db, `${table}.id`, ids, type);
  return sql<SqlBool>`${sql.ref(`${table}.id`)} in (select locked.id from ${sql.table(table)} as locked
    where ${isAnyOf(db, 'locked.id', ids, type)} order by locked.id for no key update)`;
}

export interface SessionEnd {
  id: number;
  /** May lie in the past (a timed-out session ends at its last heartbeat). */
  at: number;
  reason: AppSessionEndReason;
  lastHeartbeatAt: number;
  countedUntil: number;
  /** Only if no heartbeat came after this one (a timed-out end read without a lock; a heartbeat may have won). */
  unlessHeartbeatAfter?: number;
}

/**
 * Ends sessions that are still open, in one statement whatever their number (rows locked in id
 * order); answers the ids this call ended: another transaction may have ended one first.
 */
export async function endSessions(db: Db, ends: SessionEnd[]): Promise<Set<number>> {
  if (ends.length === 0) return new Set();
  const columns = {
    session_id: 'bigint',
    at: 'bigint',
    reason: 'text',
    heartbeat_at: 'bigint',
    counted_until: 'bigint',
    unless_after: 'bigint',
  } as const;
  const rows = [...ends]
    .sort((a, b) => a.id - b.id)
    .map((end) => ({
      session_id: end.id,
      at: end.at,
      reason: end.reason,
      heartbeat_at: end.lastHeartbeatAt,
      counted_until: end.countedUntil,
      unless_after: end.unlessHeartbeatAfter ?? null,
    }));
  const { rows: ended } = await sql<{ id: number | string }>`update app_sessions
    set ended_at = v.at, end_reason = v.reason, last_heartbeat_at = v.heartbeat_at, usage_counted_until = v.counted_until
    from ${valuesTable(db, 'v', columns, rows)}
    where app_sessions.id = v.session_id and ${lockedIds(
      db,
      'app_sessions',
      rows.map((row) => row.session_id),
    )}
      and app_sessions.ended_at is null
      and (v.unless_after is null or app_sessions.last_heartbeat_at <= v.unless_after)
    returning app_sessions.id`.execute(db);
  return new Set(ended.map((row) => Number(row.id)));
}

/**
 * Locks an app session's row until commit (PostgreSQL; SQLite has one writer). Whoever ends a session
 * and frees its lease takes the session first, then the lease, as the sweeper and heartbeats do.
 */
export async function lockAppSession(db: Db, id: number): Promise<void> {
  await db.updateTable('app_sessions').set({ ended_at: sql`ended_at` }).where('id', '=', id).execute();
}

/** "Last used" of named seats: one statement, rows locked in id order. */
export async function markSeatsUsed(db: Db, assignmentIds: number[], at: number): Promise<void> {
  if (assignmentIds.length === 0) return;
  await sql`update seat_assignments set last_used_at = ${at}
    where ${lockedIds(db, 'seat_assignments', assignmentIds)}`.execute(db);
}

/** "Last app use" of users: one statement, rows locked in id order. */
export async function markUsersUsedApps(db: Db, userIds: string[], at: number): Promise<void> {
  if (userIds.length === 0) return;
  await sql`update users set last_app_use_at = ${at} where ${lockedIds(db, 'users', userIds)}`.execute(db);
}
