import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';

/**
 * The retention job's reads and writes (issue 13). Retention is by nature about other features'
 * rows: each function here touches one table, by organization and age, a bounded batch at a time
 * (ids first, then the write by id), so the job's transactions stay short. Nothing here touches
 * the reports' running totals, bitmaps or per-day counts, except `mergeFailedSignInRow`, which
 * only re-keys the per-address failure counts to the cut address (the sums stay). Seat denials,
 * which the seat reports count raw, are never deleted: only their device is cleared.
 */

/** Sign-in attempts of an organization (null: attempts on unknown emails) before `before`, oldest first. */
export async function findSignInAttemptIdsBefore(db: Db, orgId: string | null, before: number, limit: number) {
  const rows = await db
    .selectFrom('sign_in_attempts')
    .select('id')
    .where(orgScope(orgId))
    .where('occurred_at', '<', before)
    .orderBy('occurred_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => Number(row.id));
}

function orgScope(orgId: string | null) {
  return (eb: ExpressionBuilder<Database, 'sign_in_attempts'>) =>
    orgId === null ? eb('org_id', 'is', null) : eb('org_id', '=', orgId);
}

/** The alerts' links to these attempts as evidence (the alerts stay, with their counts and summary). */
export async function deleteAlertEvidence(db: Db, orgId: string, signInIds: number[]): Promise<number> {
  const result = await db
    .deleteFrom('alert_sign_ins')
    .where('sign_in_id', 'in', signInIds)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** "Was this you?" links about these attempts (long expired by the time an attempt is purged). */
export async function deleteSignInConfirmations(db: Db, orgId: string, signInIds: number[]): Promise<number> {
  const result = await db
    .deleteFrom('sign_in_confirmations')
    .where('sign_in_id', 'in', signInIds)
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Console sessions opened by these attempts lose the link (the session itself stays valid). */
export async function unlinkConsoleSessions(db: Db, orgId: string, signInIds: number[]): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ sign_in_attempt_id: null })
    .where('org_id', '=', orgId)
    .where('sign_in_attempt_id', 'in', signInIds)
    .execute();
}

export async function deleteSignInAttempts(db: Db, orgId: string | null, ids: number[]): Promise<number> {
  const result = await db
    .deleteFrom('sign_in_attempts')
    .where(orgScope(orgId))
    .where('id', 'in', ids)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ended app sessions of an organization that ended before `before`; open ones are never taken. */
export async function findEndedAppSessionIdsBefore(db: Db, orgId: string, before: number, limit: number) {
  const rows = await db
    .selectFrom('app_sessions')
    .select('id')
    .where('ended_at', 'is not', null)
    .where('ended_at', '<', before)
    .where('org_id', '=', orgId)
    .orderBy('ended_at')
    .limit(limit)
    .execute();
  return rows.map((row) => Number(row.id));
}

export async function deleteAppSessions(db: Db, orgId: string, ids: number[]): Promise<number> {
  const result = await db
    .deleteFrom('app_sessions')
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .where('ended_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findAuditIdsBefore(db: Db, orgId: string, before: number, limit: number) {
  const rows = await db
    .selectFrom('audit_log')
    .select('id')
    .where('org_id', '=', orgId)
    .where('occurred_at', '<', before)
    .orderBy('occurred_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => Number(row.id));
}

export async function deleteAuditRows(db: Db, orgId: string, ids: number[]): Promise<number> {
  const result = await db.deleteFrom('audit_log').where('org_id', '=', orgId).where('id', 'in', ids).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Idempotency keys of ingested events (event-ingest) the organization first sent before `before`,
 * oldest first (index ingested_events_org_age). The caller picks `before` so that an event re-sent
 * with a deleted key is refused as too old rather than stored again (run-retention.ts).
 */
export async function findIngestedKeysBefore(db: Db, orgId: string, before: number, limit: number) {
  const rows = await db
    .selectFrom('ingested_events')
    .select('idempotency_key')
    .where('org_id', '=', orgId)
    .where('ingested_at', '<', before)
    .orderBy('ingested_at')
    .orderBy('idempotency_key')
    .limit(limit)
    .execute();
  return rows.map((row) => row.idempotency_key);
}

export async function deleteIngestedKeys(db: Db, orgId: string, keys: string[], before: number): Promise<number> {
  const result = await db
    .deleteFrom('ingested_events')
    .where('org_id', '=', orgId)
    .where('idempotency_key', 'in', keys)
    .where('ingested_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Seat leases of an organization released before `before`, oldest first (index
 * seat_leases_released). A live lease (released_at null) is never taken: it is a seat in use.
 */
export async function findReleasedLeaseIdsBefore(db: Db, orgId: string, before: number, limit: number) {
  const rows = await db
    .selectFrom('seat_leases')
    .select('id')
    .where('org_id', '=', orgId)
    .where('released_at', 'is not', null)
    .where('released_at', '<', before)
    .orderBy('released_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => Number(row.id));
}

export async function deleteReleasedLeases(db: Db, orgId: string, ids: number[]): Promise<number> {
  const result = await db
    .deleteFrom('seat_leases')
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .where('released_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Seat denials still naming a device (its id or its name): the predicate of index
 * seat_denials_with_device, written the same way so SQLite recognises it and uses the index.
 */
function denialWithDevice(eb: ExpressionBuilder<Database, 'seat_denials'>) {
  return eb.or([eb('device_id', 'is not', null), eb('device_name', 'is not', null)]);
}

/**
 * Seat denials of an organization made before `before` that still name a device, oldest first
 * (index seat_denials_with_device: a cleared denial is no longer in it, so this reads only what
 * is left to clear however many old denials are kept).
 */
export async function findDenialIdsWithDeviceBefore(db: Db, orgId: string, before: number, limit: number) {
  const rows = await db
    .selectFrom('seat_denials')
    .select('id')
    .where('org_id', '=', orgId)
    .where(denialWithDevice)
    .where('denied_at', '<', before)
    .orderBy('denied_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => Number(row.id));
}

/**
 * Clears the device (id and name) of these denials; the rest of each row, which the seat reports
 * count, stays. Answers how many still named a device (one cleared meanwhile is not counted twice).
 */
export async function clearDenialDevices(db: Db, orgId: string, ids: number[], before: number): Promise<number> {
  const result = await db
    .updateTable('seat_denials')
    .set({ device_id: null, device_name: null })
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .where('denied_at', '<', before)
    .where(denialWithDevice)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A keyset position: (time, id). */
export interface TimePosition {
  at: number;
  id: number;
}

/** A window of an organization's rows by age: from (inclusive) to before (exclusive), ms. */
export interface AgeWindow {
  orgId: string;
  from: number;
  before: number;
}

function afterTime(column: string, after: TimePosition | null) {
  if (after === null) return sql<boolean>`1 = 1`;
  return sql<boolean>`(${sql.ref(column)} > ${after.at} or (${sql.ref(column)} = ${after.at} and id > ${after.id}))`;
}

/** Sign-in attempts in the window, in (occurred_at, id) order: their address and evidence. */
export async function findAttemptAddresses(db: Db, window: AgeWindow, after: TimePosition | null, limit: number) {
  const rows = await db
    .selectFrom('sign_in_attempts')
    .select(['id', 'occurred_at', 'ip', 'risk_details'])
    .where('org_id', '=', window.orgId)
    .where('occurred_at', '>=', window.from)
    .where('occurred_at', '<', window.before)
    .where(afterTime('occurred_at', after))
    .orderBy('occurred_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    at: Number(row.occurred_at),
    ip: row.ip,
    riskDetails: row.risk_details,
  }));
}

export async function updateAttemptAddress(
  db: Db,
  orgId: string,
  id: number,
  cut: { ip: string; ipKey: string | null; riskDetails: string },
): Promise<void> {
  await db
    .updateTable('sign_in_attempts')
    .set({ ip: cut.ip, ip_key: cut.ipKey, risk_details: cut.riskDetails })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** App sessions started in the window, in (started_at, id) order. */
export async function findAppSessionAddresses(db: Db, window: AgeWindow, after: TimePosition | null, limit: number) {
  const rows = await db
    .selectFrom('app_sessions')
    .select(['id', 'started_at', 'ip'])
    .where('org_id', '=', window.orgId)
    .where('started_at', '>=', window.from)
    .where('started_at', '<', window.before)
    .where(afterTime('started_at', after))
    .orderBy('started_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: Number(row.id), at: Number(row.started_at), ip: row.ip }));
}

export async function updateAppSessionAddress(db: Db, orgId: string, id: number, ip: string): Promise<void> {
  await db.updateTable('app_sessions').set({ ip }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** Audit rows in the window that carry an address, in (occurred_at, id) order. */
export async function findAuditAddresses(db: Db, window: AgeWindow, after: TimePosition | null, limit: number) {
  const rows = await db
    .selectFrom('audit_log')
    .select(['id', 'occurred_at', 'ip'])
    .where('org_id', '=', window.orgId)
    .where('occurred_at', '>=', window.from)
    .where('occurred_at', '<', window.before)
    .where(afterTime('occurred_at', after))
    .orderBy('occurred_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: Number(row.id), at: Number(row.occurred_at), ip: row.ip }));
}

export async function updateAuditAddress(db: Db, orgId: string, id: number, ip: string): Promise<void> {
  await db.updateTable('audit_log').set({ ip }).where('org_id', '=', orgId).where('id', '=', id).execute();
}

/**
 * Alerts last seen in the window (an alert still gathering evidence keeps its newest address):
 * its address column, summary and JSON details, which name addresses.
 */
export async function findAlertAddresses(db: Db, window: AgeWindow, afterId: string | null, limit: number) {
  let query = db
    .selectFrom('alerts')
    .select(['id', 'ip', 'summary', 'details', 'subject_key', 'dedupe_key'])
    .where('org_id', '=', window.orgId)
    .where('last_seen_at', '>=', window.from)
    .where('last_seen_at', '<', window.before)
    .orderBy('id')
    .limit(limit);
  if (afterId !== null) query = query.where('id', '>', afterId);
  return query.execute();
}

export async function updateAlertAddresses(
  db: Db,
  orgId: string,
  id: string,
  cut: { ip: string | null; summary: string; details: string; subject_key: string; dedupe_key: string | null },
): Promise<void> {
  await db.updateTable('alerts').set(cut).where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** API tokens last used in the window: the address they were last used from. */
export async function findApiTokenAddresses(db: Db, window: AgeWindow) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'last_used_ip'])
    .where('org_id', '=', window.orgId)
    .where('last_used_at', '>=', window.from)
    .where('last_used_at', '<', window.before)
    .where('last_used_ip', 'is not', null)
    .execute();
}

export async function updateApiTokenAddress(db: Db, orgId: string, id: string, ip: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_ip: ip })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export interface FailedSignInKey {
  day: string;
  ip: string;
  userId: string;
}

/** Per-address failure counts of local days in [fromDay, beforeDay), in key order. */
export async function findFailedSignInRows(
  db: Db,
  scope: { orgId: string; fromDay: string; beforeDay: string },
  after: FailedSignInKey | null,
  limit: number,
) {
  let query = db
    .selectFrom('daily_failed_sign_ins')
    .select(['day', 'ip', 'user_id', 'failed', 'last_at'])
    .where('org_id', '=', scope.orgId)
    .where('day', '>=', scope.fromDay)
    .where('day', '<', scope.beforeDay)
    .orderBy('day')
    .orderBy('ip')
    .orderBy('user_id')
    .limit(limit);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('day', '>', after.day),
        eb.and([eb('day', '=', after.day), eb('ip', '>', after.ip)]),
        eb.and([eb('day', '=', after.day), eb('ip', '=', after.ip), eb('user_id', '>', after.userId)]),
      ]),
    );
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    day: row.day,
    ip: row.ip,
    userId: row.user_id,
    failed: Number(row.failed),
    lastAt: Number(row.last_at),
  }));
}

/**
 * Re-keys one row of per-address failure counts to the cut address: the row goes and its counts
 * join the cut address's row of the same day and account (created or added to). The day's and the
 * account's sums are unchanged; only the address they are grouped by is coarser.
 */
export async function mergeFailedSignInRow(
  db: Db,
  orgId: string,
  row: FailedSignInKey & { failed: number; lastAt: number },
  cutIp: string,
): Promise<void> {
  await db
    .deleteFrom('daily_failed_sign_ins')
    .where('org_id', '=', orgId)
    .where('day', '=', row.day)
    .where('ip', '=', row.ip)
    .where('user_id', '=', row.userId)
    .execute();
  await db
    .insertInto('daily_failed_sign_ins')
    .values({ org_id: orgId, day: row.day, ip: cutIp, user_id: row.userId, failed: row.failed, last_at: row.lastAt })
    .onConflict((oc) =>
      oc.columns(['org_id', 'day', 'ip', 'user_id']).doUpdateSet({
        failed: sql`daily_failed_sign_ins.failed + excluded.failed`,
        last_at: sql`case when excluded.last_at > daily_failed_sign_ins.last_at then excluded.last_at else daily_failed_sign_ins.last_at end`,
      }),
    )
    .execute();
}
