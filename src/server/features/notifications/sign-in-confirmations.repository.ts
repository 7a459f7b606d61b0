import type { Db } from '../../db/database.ts';
import type { SignInConfirmationRow } from '../../db/schema.ts';

export async function insertSignInConfirmation(db: Db, row: SignInConfirmationRow): Promise<void> {
  await db.insertInto('sign_in_confirmations').values(row).execute();
}

/** A link's row by the sha256 of its token; the token is the only key the public route has. */
export async function findSignInConfirmation(db: Db, tokenHash: string): Promise<SignInConfirmationRow | undefined> {
  return db.selectFrom('sign_in_confirmations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Uses the link once: false when it was used or expired meanwhile (a concurrent click). */
export async function markSignInConfirmationUsed(db: Db, tokenHash: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('sign_in_confirmations')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
