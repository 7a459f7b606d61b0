import type { Db } from '../../db/database.ts';
import type { PasswordResetRequestRow, PasswordResetRow } from '../../db/schema.ts';

export async function insertPasswordReset(db: Db, row: PasswordResetRow): Promise<void> {
  await db.insertInto('password_resets').values(row).execute();
}

/**
 * A link by its token's hash, whatever its organization: the token is the only credential the
 * caller holds (as for invitations and "this wasn't me" links), and the row names the organization
 * every later query is scoped by.
 */
export async function findPasswordReset(db: Db, tokenHash: string): Promise<PasswordResetRow | undefined> {
  return db.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * Uses the link, once: of two uses at once, one updates the row and the other finds it used
 * (the row count decides; on PostgreSQL the second waits for the first's row lock and re-reads).
 * False when it was used, expired or replaced.
 */
export async function markPasswordResetUsed(db: Db, orgId: string, tokenHash: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('org_id', '=', orgId)
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends the user's links still open (a newer one replaces them; a reset ends them): they expire now. */
export async function expireOpenPasswordResets(db: Db, orgId: string, userId: string, now: number): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ expires_at: now })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

/** Stores a request before it is answered (the same write whether or not the address has an account). */
export async function insertPasswordResetRequest(db: Db, row: PasswordResetRequestRow): Promise<void> {
  await db.insertInto('password_reset_requests').values(row).execute();
}

/** Takes a request for processing, once: undefined when another worker (or an earlier try) took it. */
export async function claimPasswordResetRequest(
  db: Db,
  id: string,
  now: number,
): Promise<PasswordResetRequestRow | undefined> {
  const result = await db
    .updateTable('password_reset_requests')
    .set({ processed_at: now })
    .where('id', '=', id)
    .where('processed_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return db.selectFrom('password_reset_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Deletes up to `limit` links used or expired before `before` (one statement, so a long backlog
 * never holds a lock for long); answers how many went.
 */
export async function deleteSpentPasswordResets(db: Db, before: number, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('password_resets')
    .where('token_hash', 'in', (eb) =>
      eb
        .selectFrom('password_resets')
        .select('token_hash')
        .where((where) => where.or([where('used_at', '<', before), where('expires_at', '<', before)]))
        .limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Deletes up to `limit` requests processed before `before`, known address or not (one statement);
 * answers how many went. Requests still waiting stay for the worker.
 */
export async function deleteProcessedPasswordResetRequests(db: Db, before: number, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('password_reset_requests')
    .where('id', 'in', (eb) =>
      eb.selectFrom('password_reset_requests').select('id').where('processed_at', '<', before).limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Requests still waiting since before `olderThan` (a process stopped between answer and link). */
export async function findWaitingPasswordResetRequests(db: Db, olderThan: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_reset_requests')
    .select('id')
    .where('processed_at', 'is', null)
    .where('created_at', '<', olderThan)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
