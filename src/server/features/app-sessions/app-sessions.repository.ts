import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AppSessionEndReason, AppSessionRow } from '../../db/schema.ts';

export type NewAppSession = Omit<AppSessionRow, 'id'>;

export async function insertAppSession(db: Db, row: NewAppSession): Promise<number> {
  const inserted = await db.insertInto('app_sessions').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/**
 * Everything a heartbeat must check, for a batch of tokens in one query: the session,
 * its user's status, its subscription's expiry, the seat (if still held) and the
 * organization's time zone (usage is counted per local day).
 */
export async function findSessionsForHeartbeat(db: Db, tokenHashes: string[]) {
  if (tokenHashes.length === 0) return [];
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
    .select([
      's.id',
      's.token_hash',
      's.org_id',
      's.user_id',
      's.app_key',
      's.heartbeat_interval_s',
      's.last_heartbeat_at',
      's.ended_at',
      's.end_reason',
      'u.status as user_status',
      'sub.expires_at as subscription_expires_at',
      'a.id as assignment_id',
      'a.last_used_at as seat_last_used_at',
      'u.last_app_use_at as user_last_app_use_at',
      'o.time_zone',
    ])
    .where('s.token_hash', 'in', tokenHashes)
    .execute();
}

export type HeartbeatSession = Awaited<ReturnType<typeof findSessionsForHeartbeat>>[number];

/** Slides open sessions forward; one statement for a whole batch. */
export async function touchSessions(db: Db, ids: number[], at: number): Promise<void> {
  if (ids.length) await db.updateTable('app_sessions').set({ last_heartbeat_at: at }).where('id', 'in', ids).execute();
}

/** Ends sessions that are still open; `at` may be in the past (a timed-out session ends at its last heartbeat). */
export async function endSessions(
  db: Db,
  ends: { id: number; at: number; reason: AppSessionEndReason; lastHeartbeatAt?: number }[],
): Promise<void> {
  for (const end of ends) {
    await db
      .updateTable('app_sessions')
      .set({
        ended_at: end.at,
        end_reason: end.reason,
        ...(end.lastHeartbeatAt ? { last_heartbeat_at: end.lastHeartbeatAt } : {}),
      })
      .where('id', '=', end.id)
      .where('ended_at', 'is', null)
      .execute();
  }
}

/** Ends a user's open sessions at once (deactivation), or only those of one subscription (seat removed). */
export async function endSessionsOfUser(
  db: Db,
  input: { orgId: string; userId: string; subscriptionId?: string; reason: AppSessionEndReason; now: number },
): Promise<void> {
  let query = db
    .updateTable('app_sessions')
    .set({ ended_at: input.now, end_reason: input.reason })
    .where('org_id', '=', input.orgId)
    .where('user_id', '=', input.userId)
    .where('ended_at', 'is', null);
  if (input.subscriptionId) query = query.where('subscription_id', '=', input.subscriptionId);
  await query.execute();
}

/**
 * Closes sessions silent for 3 heartbeat intervals at their last heartbeat (not at
 * the time the sweep noticed): that is when the app was last known to run.
 */
export async function endSilentSessions(db: Db, now: number): Promise<number> {
  const result = await db
    .updateTable('app_sessions')
    .set({ ended_at: sql`last_heartbeat_at`, end_reason: 'timed_out' })
    .where('ended_at', 'is', null)
    .where(sql<SqlBool>`last_heartbeat_at + heartbeat_interval_s * 3000 < ${now}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markSeatsUsed(db: Db, assignmentIds: number[], at: number): Promise<void> {
  if (assignmentIds.length) {
    await db.updateTable('seat_assignments').set({ last_used_at: at }).where('id', 'in', assignmentIds).execute();
  }
}

export async function markUsersUsedApps(db: Db, userIds: string[], at: number): Promise<void> {
  if (userIds.length) await db.updateTable('users').set({ last_app_use_at: at }).where('id', 'in', userIds).execute();
}
