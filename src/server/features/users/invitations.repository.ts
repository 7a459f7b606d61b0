import type { Db } from '../../db/database.ts';
import { createSecureToken, hashToken } from '../../lib/secure-token.ts';
import { DAY_MS } from '../../lib/time.ts';

/** An invitation link works for 7 days, once. */
export const INVITATION_TTL_MS = 7 * DAY_MS;

/** Issues a new invitation for a user, revoking any earlier unused one; returns the token (stored hashed). */
export async function insertInvitation(
  db: Db,
  input: { orgId: string; userId: string; createdBy: string | null; now: number },
) {
  await revokeInvitations(db, input.orgId, input.userId);
  const token = createSecureToken();
  const expiresAt = input.now + INVITATION_TTL_MS;
  await db
    .insertInto('invitations')
    .values({
      token_hash: hashToken(token),
      org_id: input.orgId,
      user_id: input.userId,
      created_by: input.createdBy,
      created_at: input.now,
      expires_at: expiresAt,
      accepted_at: null,
    })
    .execute();
  return { token, expiresAt };
}

export async function revokeInvitations(db: Db, orgId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('invitations')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('accepted_at', 'is', null)
    .execute();
}

/** An unused, unexpired invitation of an active user, with what the acceptance page shows. */
export async function findOpenInvitation(db: Db, token: string, now: number) {
  return db
    .selectFrom('invitations')
    .innerJoin('users', (join) =>
      join.onRef('users.id', '=', 'invitations.user_id').onRef('users.org_id', '=', 'invitations.org_id'),
    )
    .innerJoin('organizations', 'organizations.id', 'invitations.org_id')
    .select([
      'invitations.token_hash',
      'invitations.org_id',
      'invitations.user_id',
      'invitations.expires_at',
      'users.email',
      'users.name',
      'users.password_hash',
      'organizations.name as organization_name',
    ])
    .where('invitations.token_hash', '=', hashToken(token))
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.expires_at', '>', now)
    .where('users.status', '=', 'active')
    .executeTakeFirst();
}

/** Marks it used; false when another request used it first (accept is once only). */
export async function markInvitationAccepted(db: Db, tokenHash: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: now })
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Invitations for many new users at once (an import): none of them has an earlier one to revoke. */
export async function insertInvitationsForNewUsers(
  db: Db,
  input: { orgId: string; userIds: readonly string[]; createdBy: string | null; now: number },
): Promise<Map<string, { token: string; expiresAt: number }>> {
  const issued = new Map<string, { token: string; expiresAt: number }>();
  const expiresAt = input.now + INVITATION_TTL_MS;
  const rows = input.userIds.map((userId) => {
    const token = createSecureToken();
    issued.set(userId, { token, expiresAt });
    return {
      token_hash: hashToken(token),
      org_id: input.orgId,
      user_id: userId,
      created_by: input.createdBy,
      created_at: input.now,
      expires_at: expiresAt,
      accepted_at: null,
    };
  });
  // 7 columns a row: 500 rows a statement keeps well under both databases' parameter limits.
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insertInto('invitations')
      .values(rows.slice(start, start + 500))
      .execute();
  }
  return issued;
}
