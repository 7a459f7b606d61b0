import type { Db } from '../../db/database.ts';
import type { SignInChallengeRow } from '../../db/schema.ts';
import { createSecureToken, hashToken } from '../../lib/secure-token.ts';
import { MINUTE_MS } from '../../lib/time.ts';

/** A password proven, a second step owed: the client has this long to answer it. */
export const CHALLENGE_LIFETIME_MS = 5 * MINUTE_MS;

/** Stores a challenge; answers the token the client sends back (only its hash is kept). */
export async function insertSignInChallenge(
  db: Db,
  input: Omit<SignInChallengeRow, 'id_hash' | 'expires_at' | 'used_at'>,
): Promise<{ token: string; expiresAt: number }> {
  const token = createSecureToken();
  const expiresAt = input.created_at + CHALLENGE_LIFETIME_MS;
  await db
    .insertInto('sign_in_challenges')
    .values({ ...input, id_hash: hashToken(token), expires_at: expiresAt, used_at: null })
    .execute();
  return { token, expiresAt };
}

/** The unused, unexpired challenge behind a token. */
export async function findLiveChallenge(db: Db, token: string, now: number) {
  return db
    .selectFrom('sign_in_challenges')
    .selectAll()
    .where('id_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks the challenge used; false when another request used it first (it opens one session only). */
export async function useChallenge(db: Db, idHash: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('sign_in_challenges')
    .set({ used_at: now })
    .where('id_hash', '=', idHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Challenges are short-lived; the sign-in sweeps the user's dead ones so the table stays small. */
export async function deleteDeadChallenges(db: Db, orgId: string, userId: string, now: number): Promise<void> {
  await db
    .deleteFrom('sign_in_challenges')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', now)]))
    .execute();
}
