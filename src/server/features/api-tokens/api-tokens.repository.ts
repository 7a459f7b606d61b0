import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ApiTokenRow, Role, UserStatus } from '../../db/schema.ts';

/** A token's row with its creator as they are now (the list names them; authentication judges them). */
export interface ApiTokenWithCreator extends ApiTokenRow {
  creator_name: string;
  creator_email: string;
  creator_role: Role;
  creator_status: UserStatus;
}

function selectWithCreator(db: Db) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', (join) =>
      join.onRef('users.id', '=', 'api_tokens.created_by').onRef('users.org_id', '=', 'api_tokens.org_id'),
    )
    .selectAll('api_tokens')
    .select([
      'users.name as creator_name',
      'users.email as creator_email',
      'users.role as creator_role',
      'users.status as creator_status',
    ]);
}

export async function insertApiToken(db: Db, row: Insertable<ApiTokenRow>): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

/** The organization's tokens, newest first, after the keyset `after` (created_at, id). */
export async function findApiTokenPage(
  db: Db,
  orgId: string,
  page: { after?: { at: number; id: string } | undefined; limit: number },
): Promise<ApiTokenWithCreator[]> {
  let query = selectWithCreator(db).where('api_tokens.org_id', '=', orgId);
  const after = page.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('api_tokens.created_at', '<', after.at),
        eb.and([eb('api_tokens.created_at', '=', after.at), eb('api_tokens.id', '<', after.id)]),
      ]),
    );
  }
  return query
    .orderBy('api_tokens.created_at', 'desc')
    .orderBy('api_tokens.id', 'desc')
    .limit(page.limit)
    .execute() as Promise<ApiTokenWithCreator[]>;
}

export async function findApiToken(db: Db, orgId: string, id: string): Promise<ApiTokenWithCreator | undefined> {
  return selectWithCreator(db)
    .where('api_tokens.org_id', '=', orgId)
    .where('api_tokens.id', '=', id)
    .executeTakeFirst() as Promise<ApiTokenWithCreator | undefined>;
}

/**
 * The token behind a Bearer secret's hash, with its creator. Not scoped by organization: the hash
 * is what names the organization (as an email does at sign-in); the join keeps the creator in it.
 */
export async function findApiTokenByHash(db: Db, tokenHash: string): Promise<ApiTokenWithCreator | undefined> {
  return selectWithCreator(db).where('api_tokens.token_hash', '=', tokenHash).executeTakeFirst() as Promise<
    ApiTokenWithCreator | undefined
  >;
}

/** Tokens of the organization that still work at `now` (neither revoked nor expired). */
export async function countLiveApiTokens(db: Db, orgId: string, now: number): Promise<number> {
  const row = await db
    .selectFrom('api_tokens')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('org_id', '=', orgId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Marks a token revoked unless it already is; answers whether this call revoked it. */
export async function markApiTokenRevoked(
  db: Db,
  orgId: string,
  id: string,
  input: { now: number; revokedBy: string },
): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: input.now, revoked_by: input.revokedBy })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes every live token a user made (their deactivation); answers how many. */
export async function revokeApiTokensOf(
  db: Db,
  orgId: string,
  userId: string,
  input: { now: number; revokedBy: string | null },
): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: input.now, revoked_by: input.revokedBy })
    .where('org_id', '=', orgId)
    .where('created_by', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Records a use; the caller decides how often (not on every request). */
export async function touchApiToken(
  db: Db,
  orgId: string,
  id: string,
  use: { now: number; ip: string },
): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: use.now, last_used_ip: use.ip })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}
