import type { Db } from '../../db/database.ts';
import type { PasskeyRow, TotpFactorRow } from '../../db/schema.ts';

/*
 * Every SQL statement of mfa: the authenticator app (totp_factors), recovery codes, passkeys and
 * passkey registrations in progress, all scoped by organization and user.
 */

export interface UserRef {
  orgId: string;
  userId: string;
}

// --- authenticator app ---

export async function findTotpFactor(db: Db, user: UserRef): Promise<TotpFactorRow | undefined> {
  return db
    .selectFrom('totp_factors')
    .selectAll()
    .where('org_id', '=', user.orgId)
    .where('user_id', '=', user.userId)
    .executeTakeFirst();
}

/** Starts (or restarts) an unconfirmed enrolment; false when a confirmed app is in place (it is left as is). */
export async function upsertPendingTotp(db: Db, user: UserRef, secret: string, now: number): Promise<boolean> {
  const result = await db
    .insertInto('totp_factors')
    .values({
      org_id: user.orgId,
      user_id: user.userId,
      secret,
      created_at: now,
      confirmed_at: null,
      last_used_step: null,
    })
    .onConflict((conflict) =>
      conflict
        .columns(['org_id', 'user_id'])
        .doUpdateSet({ secret, created_at: now, last_used_step: null })
        .where('totp_factors.confirmed_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Confirms the pending enrolment of `secret` at `step`; false when it is no longer the pending one. */
export async function confirmPendingTotp(
  db: Db,
  user: UserRef,
  secret: string,
  step: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('totp_factors')
    .set({ confirmed_at: now, last_used_step: step })
    .where('org_id', '=', user.orgId)
    .where('user_id', '=', user.userId)
    .where('secret', '=', secret)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records `step` as used when it is later than the last one: of two requests with codes of the
 * same step, only one moves it (the other finds the step already taken: a replay).
 */
export async function advanceTotpStep(db: Db, user: UserRef, step: number): Promise<boolean> {
  const result = await db
    .updateTable('totp_factors')
    .set({ last_used_step: step })
    .where('org_id', '=', user.orgId)
    .where('user_id', '=', user.userId)
    .where('confirmed_at', 'is not', null)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteTotpFactor(db: Db, user: UserRef): Promise<number> {
  const result = await db
    .deleteFrom('totp_factors')
    .where('org_id', '=', user.orgId)
    .where('user_id', '=', user.userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// --- recovery codes ---

export async function countUnusedRecoveryCodes(db: Db, user: UserRef): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('org_id', '=', user.orgId)
    .where('user_id', '=', user.userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deleteRecoveryCodes(db: Db, user: UserRef): Promise<void> {
  await db.deleteFrom('recovery_codes').where('org_id', '=', user.orgId).where('user_id', '=', user.userId).execute();
}

export async function insertRecoveryCodes(db: Db, user: UserRef, hashes: string[], now: number): Promise<void> {
  await db
    .insertInto('recovery_codes')
    .values(
      hashes.map((code_hash) => ({
        org_id: user.orgId,
        user_id: user.userId,
        code_hash,
        created_at: now,
        used_at: null,
      })),
    )
    .execute();
}

/** Marks the code used if it still is unused: of parallel uses of one code, one wins. */
export async function markRecoveryCodeUsed(db: Db, user: UserRef, codeHash: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('org_id', '=', user.orgId)
    .where('user_id', '=', user.userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// --- passkeys ---

export async function findPasskeys(db: Db, user: UserRef): Promise<PasskeyRow[]> {
  return db
    .selectFrom('passkeys')
    .selectAll()
    .where('org_id', '=', user.orgId)
    .where('user_id', '=', user.userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findPasskey(db: Db, user: UserRef, id: string): Promise<PasskeyRow | undefined> {
  return db
    .selectFrom('passkeys')
    .selectAll()
    .where('org_id', '=', user.orgId)
    .where('user_id', '=', user.userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** False when the credential id is already registered (to anyone: the authenticator names it). */
export async function insertPasskey(db: Db, row: PasskeyRow): Promise<boolean> {
  const result = await db
    .insertInto('passkeys')
    .values(row)
    .onConflict((conflict) => conflict.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function renamePasskey(db: Db, user: UserRef, id: string, name: string): Promise<boolean> {
  const result = await db
    .updateTable('passkeys')
    .set({ name })
    .where('org_id', '=', user.orgId)
    .where('user_id', '=', user.userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordPasskeyUse(
  db: Db,
  user: UserRef,
  id: string,
  use: { counter: number; backedUp: boolean; now: number },
): Promise<void> {
  await db
    .updateTable('passkeys')
    .set({ counter: use.counter, backed_up: use.backedUp ? 1 : 0, last_used_at: use.now })
    .where('org_id', '=', user.orgId)
    .where('user_id', '=', user.userId)
    .where('id', '=', id)
    .execute();
}

export async function deletePasskey(db: Db, user: UserRef, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('passkeys')
    .where('org_id', '=', user.orgId)
    .where('user_id', '=', user.userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deletePasskeys(db: Db, user: UserRef): Promise<void> {
  await db.deleteFrom('passkeys').where('org_id', '=', user.orgId).where('user_id', '=', user.userId).execute();
}

export async function countPasskeys(db: Db, user: UserRef): Promise<number> {
  const row = await db
    .selectFrom('passkeys')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('org_id', '=', user.orgId)
    .where('user_id', '=', user.userId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** One registration in progress per user: a new one replaces the last. */
export async function upsertPasskeyRegistration(
  db: Db,
  user: UserRef,
  challenge: string,
  expiresAt: number,
): Promise<void> {
  await db
    .insertInto('passkey_registrations')
    .values({ org_id: user.orgId, user_id: user.userId, challenge, expires_at: expiresAt })
    .onConflict((conflict) => conflict.columns(['org_id', 'user_id']).doUpdateSet({ challenge, expires_at: expiresAt }))
    .execute();
}

/** Takes the user's registration challenge (once): undefined when there is none or it has expired. */
export async function takePasskeyRegistration(db: Db, user: UserRef, now: number): Promise<string | undefined> {
  const row = await db
    .deleteFrom('passkey_registrations')
    .where('org_id', '=', user.orgId)
    .where('user_id', '=', user.userId)
    .returning(['challenge', 'expires_at'])
    .executeTakeFirst();
  return row && row.expires_at > now ? row.challenge : undefined;
}

export async function deletePasskeyRegistration(db: Db, user: UserRef): Promise<void> {
  await db
    .deleteFrom('passkey_registrations')
    .where('org_id', '=', user.orgId)
    .where('user_id', '=', user.userId)
    .execute();
}

// --- sessions (auth's table; mfa sits below auth, so it cannot call auth) ---

/**
 * The session that enrolled the user's factor may do everything from now on. Only that one: another
 * session that could only enrol (someone else who knew the password) stays restricted, and now
 * that the account has a factor it cannot enrol one either (mfa.routes.ts).
 */
export async function liftEnrolmentOnly(db: Db, user: UserRef, sessionIdHash: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ enrolment_only: 0 })
    .where('org_id', '=', user.orgId)
    .where('user_id', '=', user.userId)
    .where('id_hash', '=', sessionIdHash)
    .execute();
}
