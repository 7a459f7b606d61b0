import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
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

/** Slides sessions forward; `countedUntil` also moves their usage mark (one statement per group). */
export async function touchSessions(db: Db, ids: number[], at: number, countedUntil?: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('app_sessions')
    .set({ last_heartbeat_at: at, ...(countedUntil === undefined ? {} : { usage_counted_until: countedUntil }) })
    .where('id', 'in', ids)
    .execute();
}

/** Ends a session that is still open; `at` may lie in the past (a timed-out session ends at its last heartbeat). */
export async function endSession(
  db: Db,
  end: {
    id: number;
    at: number;
    reason: AppSessionEndReason;
    lastHeartbeatAt: number;
    countedUntil: number;
    /** Only if no heartbeat came after this one (a timed-out end read without a lock; a heartbeat may have won). */
    unlessHeartbeatAfter?: number;
  },
): Promise<boolean> {
  let query = db
    .updateTable('app_sessions')
    .set({
      ended_at: end.at,
      end_reason: end.reason,
      last_heartbeat_at: end.lastHeartbeatAt,
      usage_counted_until: end.countedUntil,
    })
    .where('id', '=', end.id)
    .where('ended_at', 'is', null);
  if (end.unlessHeartbeatAfter !== undefined) query = query.where('last_heartbeat_at', '<=', end.unlessHeartbeatAfter);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Locks an app session's row until commit (PostgreSQL; SQLite has one writer). Whoever ends a session
 * and frees its lease takes the session first, then the lease, as the sweeper and heartbeats do.
 */
export async function lockAppSession(db: Db, id: number): Promise<void> {
  await db.updateTable('app_sessions').set({ ended_at: sql`ended_at` }).where('id', '=', id).execute();
}

export async function markSeatsUsed(db: Db, assignmentIds: number[], at: number): Promise<void> {
  if (assignmentIds.length) {
    await db.updateTable('seat_assignments').set({ last_used_at: at }).where('id', 'in', assignmentIds).execute();
  }
}

export async function markUsersUsedApps(db: Db, userIds: string[], at: number): Promise<void> {
  if (userIds.length) await db.updateTable('users').set({ last_app_use_at: at }).where('id', 'in', userIds).execute();
}
