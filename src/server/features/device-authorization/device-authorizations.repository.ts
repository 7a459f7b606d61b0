import type { Db } from '../../db/database.ts';
import type { DeviceAuthorizationRow } from '../../db/schema.ts';

/**
 * device_authorizations: an app's request to sign in through the browser. Until a user approves it, it belongs to
 * no organization: its codes are the only key (the device code's hash for the app, the user code for the person),
 * so these lookups are server-wide, like a sign-in's lookup by email. Approval binds org_id and user_id.
 */

export async function insertDeviceAuthorization(db: Db, row: DeviceAuthorizationRow): Promise<void> {
  await db.insertInto('device_authorizations').values(row).execute();
}

/** Frees a user code whose authorization has expired, so a new one may take it (the index is unique). */
export async function deleteExpiredWithUserCode(db: Db, userCode: string, now: number): Promise<void> {
  await db
    .deleteFrom('device_authorizations')
    .where('user_code', '=', userCode)
    .where('expires_at', '<=', now)
    .execute();
}

/**
 * Deletes up to `limit` authorizations that expired before `before` (one statement); answers how many went.
 * Every used, denied or never-answered one is among them: none is used after it expires.
 */
export async function deleteExpiredDeviceAuthorizations(db: Db, before: number, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('device_authorizations')
    .where('device_code_hash', 'in', (eb) =>
      eb.selectFrom('device_authorizations').select('device_code_hash').where('expires_at', '<', before).limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findByDeviceCodeHash(db: Db, deviceCodeHash: string) {
  return db
    .selectFrom('device_authorizations')
    .selectAll()
    .where('device_code_hash', '=', deviceCodeHash)
    .executeTakeFirst();
}

/** The pending, unexpired authorization a user code names, if any. */
export async function findPendingByUserCode(db: Db, userCode: string, now: number) {
  return db
    .selectFrom('device_authorizations')
    .selectAll()
    .where('user_code', '=', userCode)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/**
 * The user's answer: pending → approved or denied, bound to the user. One statement, so two answers at once
 * cannot both win; false when the code is no longer pending (answered, expired, unknown).
 */
export async function decideDeviceAuthorization(
  db: Db,
  userCode: string,
  decision: { status: 'approved' | 'denied'; orgId: string; userId: string; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable('device_authorizations')
    .set({ status: decision.status, org_id: decision.orgId, user_id: decision.userId, decided_at: decision.now })
    .where('user_code', '=', userCode)
    .where('status', '=', 'pending')
    .where('expires_at', '>', decision.now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * A poll of a pending authorization, let through only when the last one let through is at least `intervalMs`
 * old (RFC 8628 §3.5). One statement: of polls arriving together, one passes. False: too fast (slow-down).
 */
export async function takePollTurn(db: Db, deviceCodeHash: string, now: number, intervalMs: number) {
  const result = await db
    .updateTable('device_authorizations')
    .set({ last_polled_at: now })
    .where('device_code_hash', '=', deviceCodeHash)
    .where((eb) => eb.or([eb('last_polled_at', 'is', null), eb('last_polled_at', '<=', now - intervalMs)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** approved → used, once: of any number of polls at once, exactly one gets true (and the session). */
export async function claimApprovedAuthorization(db: Db, deviceCodeHash: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('device_authorizations')
    .set({ status: 'used', last_polled_at: now })
    .where('device_code_hash', '=', deviceCodeHash)
    .where('status', '=', 'approved')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
