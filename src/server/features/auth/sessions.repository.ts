import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { createSecureToken, hashToken } from '../../lib/secure-token.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../lib/time.ts';

/** A console session ends 7 days after sign-in, or after 12 hours without a request. */
export const SESSION_MAX_AGE_MS = 7 * DAY_MS;
export const SESSION_IDLE_MS = 12 * HOUR_MS;
/** Writing last_seen_at on every request would turn reads into writes; once a minute is enough. */
const TOUCH_INTERVAL_MS = MINUTE_MS;

export interface SessionUser {
  idHash: string;
  userId: string;
  orgId: string;
  /** The user's email now (the audit log names actors by it). */
  email: string;
  role: Role;
  csrfToken: string;
  /** The session may only enrol a second factor (the organization requires one; the grace is over). */
  enrolmentOnly: boolean;
  /** Set when the request came with an API token instead of a session cookie (idHash is then ''). */
  apiTokenId: string | null;
}

/** Creates a session; returns the cookie value (only its hash is stored) and the CSRF token. */
export async function insertSession(
  db: Db,
  input: { orgId: string; userId: string; now: number; enrolmentOnly?: boolean; signInAttemptId?: number | null },
) {
  const token = createSecureToken();
  const csrfToken = createSecureToken();
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashToken(token),
      org_id: input.orgId,
      user_id: input.userId,
      csrf_token: csrfToken,
      created_at: input.now,
      expires_at: input.now + SESSION_MAX_AGE_MS,
      last_seen_at: input.now,
      enrolment_only: input.enrolmentOnly ? 1 : 0,
      sign_in_attempt_id: input.signInAttemptId ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt: input.now + SESSION_MAX_AGE_MS };
}

/** The live session behind a cookie, only while its user is active; touches it at most once a minute. */
export async function findLiveSession(db: Db, token: string, now: number): Promise<SessionUser | undefined> {
  const idHash = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', (join) =>
      join.onRef('users.id', '=', 'sessions.user_id').onRef('users.org_id', '=', 'sessions.org_id'),
    )
    .select([
      'sessions.user_id',
      'sessions.org_id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.enrolment_only',
      'users.role',
      'users.email',
    ])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .where('sessions.last_seen_at', '>', now - SESSION_IDLE_MS)
    .where('users.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return undefined;
  if (now - row.last_seen_at > TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  return {
    idHash,
    userId: row.user_id,
    orgId: row.org_id,
    email: row.email,
    role: row.role,
    csrfToken: row.csrf_token,
    enrolmentOnly: row.enrolment_only === 1,
    apiTokenId: null,
  };
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends one console session of a user (the sessions list's "End"); answers whether it existed. */
export async function deleteSessionOfUser(db: Db, orgId: string, userId: string, idHash: string): Promise<boolean> {
  const result = await db
    .deleteFrom('sessions')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('id_hash', '=', idHash)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Ends every console session of a user (deactivation, password change, "this wasn't me"); answers how many. */
export async function deleteSessionsOfUser(
  db: Db,
  orgId: string,
  userId: string,
  options: { except?: string } = {},
): Promise<number> {
  let query = db.deleteFrom('sessions').where('org_id', '=', orgId).where('user_id', '=', userId);
  if (options.except) query = query.where('id_hash', '!=', options.except);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
