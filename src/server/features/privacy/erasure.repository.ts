import { type ExpressionBuilder, type Insertable, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DailyFailedSignInRow, Database } from '../../db/schema.ts';

/**
 * The writes of an erasure (erase-user.ts). Unlike other repositories this one reaches into many
 * features' tables: erasure is the one use case whose job is every table that can hold a person's
 * email, name or addresses, and keeping each of those statements in one file lets a reader check
 * the list against the schema (docs/privacy.md has the table-by-table account). Every statement is
 * scoped by organization; the two exceptions are rows that have none (sign-in attempts on an
 * unknown account, "forgot password" requests), reached by the email, unique on the server.
 */

/** Which sign-in attempts are the person's: theirs by account, or failures on their email before any account matched. */
export type AttemptScope =
  | { kind: 'user'; orgId: string; userId: string }
  | { kind: 'email'; orgId: string; email: string };

function attemptsIn(eb: ExpressionBuilder<Database, 'sign_in_attempts'>, scope: AttemptScope) {
  if (scope.kind === 'user') return eb.and([eb('org_id', '=', scope.orgId), eb('user_id', '=', scope.userId)]);
  return eb.and([
    eb.or([eb('org_id', '=', scope.orgId), eb('org_id', 'is', null)]),
    eb('user_id', 'is', null),
    eb('email', '=', scope.email),
  ]);
}

/** `lower(column) LIKE '%needle%'` for any needle (already lower case), with LIKE's wildcards escaped. */
function mentions(column: string, needles: string[]) {
  return needles.map(
    (needle) => sql<SqlBool>`lower(${sql.ref(column)}) like ${`%${needle.replace(/[\\%_]/g, '\\$&')}%`} escape '\\'`,
  );
}

// ─── the user's row ───

export async function overwriteUserIdentity(
  trx: Db,
  orgId: string,
  userId: string,
  values: { email: string; name: string; now: number },
): Promise<void> {
  await trx
    .updateTable('users')
    .set({
      email: values.email,
      email_normalized: values.email,
      name: values.name,
      password_hash: null,
      deactivation_note: null,
      erased_at: values.now,
      updated_at: values.now,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', userId)
    .execute();
}

// ─── sign-in attempts ───

/** A page of the person's attempts by id (`afterId` exclusive): what erasure rewrites row by row. */
export async function findAttemptPage(trx: Db, scope: AttemptScope, afterId: number, limit: number) {
  return trx
    .selectFrom('sign_in_attempts')
    .select(['id', 'ip', 'device_id'])
    .where((eb) => attemptsIn(eb, scope))
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** One address and device stand-in for a set of attempts, by primary key. */
export async function rewriteAttempts(
  trx: Db,
  ids: number[],
  values: { ip: string; ip_key: string | null; device_id: string | null },
): Promise<void> {
  await trx.updateTable('sign_in_attempts').set(values).where('id', 'in', ids).execute();
}

/**
 * The email replaced; the browser string, the device's name, the region and city cleared, and the
 * coordinates rounded to whole degrees (~100 km): enough for the reports that compare places far
 * apart (license sharing's 500 km), too coarse to find a street.
 */
export async function clearAttemptIdentity(trx: Db, scope: AttemptScope, erasedEmail: string): Promise<void> {
  await trx
    .updateTable('sign_in_attempts')
    .set({
      email: erasedEmail,
      user_agent: null,
      device_name: null,
      region: null,
      city: null,
      latitude: sql<number | null>`round(latitude)`,
      longitude: sql<number | null>`round(longitude)`,
    })
    .where((eb) => attemptsIn(eb, scope))
    .execute();
}

/** Attempts that carry risk evidence (few: most attempts have none). */
export async function findAttemptEvidence(trx: Db, scope: AttemptScope) {
  return trx
    .selectFrom('sign_in_attempts')
    .select(['id', 'risk_details'])
    .where((eb) => attemptsIn(eb, scope))
    .where('risk_details', '<>', '[]')
    .execute();
}

export async function replaceAttemptEvidence(trx: Db, id: number, riskDetails: string): Promise<void> {
  await trx.updateTable('sign_in_attempts').set({ risk_details: riskDetails }).where('id', '=', id).execute();
}

// ─── the reports' aggregates (counts stay; only the keys that name an address or a device change) ───

export async function findDailyFailures(trx: Db, orgId: string, userId: string): Promise<DailyFailedSignInRow[]> {
  return trx
    .selectFrom('daily_failed_sign_ins')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
}

export async function replaceDailyFailures(
  trx: Db,
  orgId: string,
  userId: string,
  rows: Insertable<DailyFailedSignInRow>[],
): Promise<void> {
  await trx.deleteFrom('daily_failed_sign_ins').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  // Chunks keep each statement well under SQLite's and PostgreSQL's bound-parameter limits.
  for (let start = 0; start < rows.length; start += 500) {
    await trx
      .insertInto('daily_failed_sign_ins')
      .values(rows.slice(start, start + 500))
      .execute();
  }
}

export async function findAppDeviceKeys(trx: Db, orgId: string, userId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('sign_in_keys')
    .select('value')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('kind', '=', 'device')
    .where('value', 'like', 'app:%')
    .execute();
  return rows.map((row) => row.value);
}

export async function renameDeviceKey(trx: Db, orgId: string, userId: string, from: string, to: string) {
  for (const table of ['sign_in_keys', 'sign_in_key_days'] as const) {
    await trx
      .updateTable(table)
      .set({ value: to })
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .where('kind', '=', 'device')
      .where('value', '=', from)
      .execute();
  }
}

// ─── app sessions ───

export async function findAppSessionAddresses(trx: Db, orgId: string, userId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('app_sessions')
    .select('ip')
    .distinct()
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
  return rows.map((row) => row.ip);
}

export async function replaceAppSessionAddress(trx: Db, orgId: string, userId: string, from: string, to: string) {
  await trx
    .updateTable('app_sessions')
    .set({ ip: to })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('ip', '=', from)
    .execute();
}

export async function findAppSessionDeviceIds(trx: Db, orgId: string, userId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('app_sessions')
    .select('device_id')
    .distinct()
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('device_id', 'is not', null)
    .execute();
  return rows.flatMap((row) => (row.device_id === null ? [] : [row.device_id]));
}

export async function replaceAppSessionDeviceId(trx: Db, orgId: string, userId: string, from: string, to: string) {
  await trx
    .updateTable('app_sessions')
    .set({ device_id: to })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('device_id', '=', from)
    .execute();
}

export async function clearAppSessionIdentity(trx: Db, orgId: string, userId: string): Promise<void> {
  await trx
    .updateTable('app_sessions')
    .set({
      device_name: null,
      region: null,
      city: null,
      latitude: sql<number | null>`round(latitude)`,
      longitude: sql<number | null>`round(longitude)`,
    })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
}

// ─── seat leases and seat denials: the device the person used ───

/** The two tables that name the device a seat was held or refused on (migration 0013). */
export type SeatDeviceTable = 'seat_leases' | 'seat_denials';

export async function findSeatDeviceIds(trx: Db, table: SeatDeviceTable, orgId: string, userId: string) {
  const rows = await trx
    .selectFrom(table)
    .select('device_id')
    .distinct()
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('device_id', 'is not', null)
    .execute();
  return rows.flatMap((row) => (row.device_id === null ? [] : [row.device_id]));
}

export async function replaceSeatDeviceId(
  trx: Db,
  table: SeatDeviceTable,
  scope: { orgId: string; userId: string },
  from: string,
  to: string,
): Promise<void> {
  await trx
    .updateTable(table)
    .set({ device_id: to })
    .where('org_id', '=', scope.orgId)
    .where('user_id', '=', scope.userId)
    .where('device_id', '=', from)
    .execute();
}

export async function clearSeatDeviceNames(trx: Db, table: SeatDeviceTable, orgId: string, userId: string) {
  await trx
    .updateTable(table)
    .set({ device_name: null })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('device_name', 'is not', null)
    .execute();
}

/** The person's leases an owner released with a note (free text, which may name them). */
export async function findLeaseNotes(trx: Db, orgId: string, userId: string) {
  return trx
    .selectFrom('seat_leases')
    .select(['id', 'release_note'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('release_note', 'is not', null)
    .execute();
}

export async function updateLeaseNote(trx: Db, orgId: string, id: number, note: string | null): Promise<void> {
  await trx
    .updateTable('seat_leases')
    .set({ release_note: note })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

// ─── what only served the person: deleted ───

/** Console sessions, invitations, reset links, second factors, device sign-ins, "was this you?" links. */
export async function deleteCredentialsOf(trx: Db, orgId: string, userId: string): Promise<void> {
  for (const table of [
    'sessions',
    'invitations',
    'password_resets',
    'totp_factors',
    'recovery_codes',
    'passkeys',
    'passkey_registrations',
    'sign_in_challenges',
    'sign_in_confirmations',
    'device_authorizations',
  ] as const) {
    await trx.deleteFrom(table).where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  }
}

/** "Forgot password?" requests carry no organization: the email (unique on the server) finds them. */
export async function deleteResetRequestsFor(trx: Db, emailNormalized: string): Promise<void> {
  await trx.deleteFrom('password_reset_requests').where('email', '=', emailNormalized).execute();
}

/** Mail to the person, sent or not: nothing is left to send them, and its body names them. */
export async function deleteMailTo(trx: Db, orgId: string, emailNormalized: string): Promise<void> {
  await trx
    .deleteFrom('email_outbox')
    .where('org_id', '=', orgId)
    .where(sql<string>`lower(to_address)`, '=', emailNormalized)
    .execute();
}

// ─── what names the person among other things: scrubbed ───

/** Alerts raised on the user, holding one of their sign-ins, or naming them (email or name). */
export async function findAlertsToScrub(trx: Db, orgId: string, userId: string, needles: string[]) {
  return trx
    .selectFrom('alerts')
    .select(['id', 'ip', 'subject_key', 'dedupe_key', 'summary', 'details', 'note'])
    .where('org_id', '=', orgId)
    .where((eb) =>
      eb.or([
        eb('user_id', '=', userId),
        eb(
          'id',
          'in',
          eb
            .selectFrom('alert_sign_ins as l')
            .innerJoin('sign_in_attempts as a', 'a.id', 'l.sign_in_id')
            .select('l.alert_id')
            .where('l.org_id', '=', orgId)
            .where('a.org_id', '=', orgId)
            .where('a.user_id', '=', userId),
        ),
        ...mentions('summary', needles),
        ...mentions('details', needles),
        ...mentions('note', needles),
      ]),
    )
    .execute();
}

export async function updateAlertText(
  trx: Db,
  orgId: string,
  id: string,
  values: {
    ip: string | null;
    subject_key: string;
    dedupe_key: string | null;
    summary: string;
    details: string;
    note: string | null;
  },
): Promise<void> {
  await trx.updateTable('alerts').set(values).where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function findStatusNotesToScrub(trx: Db, orgId: string, alertIds: string[], needles: string[]) {
  return trx
    .selectFrom('alert_status_changes')
    .select(['id', 'note'])
    .where('org_id', '=', orgId)
    .where('note', 'is not', null)
    .where((eb) =>
      eb.or([...(alertIds.length > 0 ? [eb('alert_id', 'in', alertIds)] : []), ...mentions('note', needles)]),
    )
    .execute();
}

export async function updateStatusNote(trx: Db, orgId: string, id: string, note: string | null): Promise<void> {
  await trx
    .updateTable('alert_status_changes')
    .set({ note })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** Mail to others (the owners' digests) that names the person. */
export async function findMailToScrub(trx: Db, orgId: string, needles: string[]) {
  return trx
    .selectFrom('email_outbox')
    .select(['id', 'subject', 'text_body', 'html_body'])
    .where('org_id', '=', orgId)
    .where((eb) =>
      eb.or([...mentions('subject', needles), ...mentions('text_body', needles), ...mentions('html_body', needles)]),
    )
    .execute();
}

export async function updateMailText(
  trx: Db,
  orgId: string,
  id: string,
  values: { subject: string; text_body: string; html_body: string | null },
): Promise<void> {
  await trx.updateTable('email_outbox').set(values).where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** Webhook messages about the user's alerts, or naming them. */
export async function findDeliveriesToScrub(trx: Db, orgId: string, alertIds: string[], needles: string[]) {
  return trx
    .selectFrom('webhook_deliveries')
    .select(['id', 'payload', 'last_error'])
    .where('org_id', '=', orgId)
    .where((eb) =>
      eb.or([...(alertIds.length > 0 ? [eb('alert_id', 'in', alertIds)] : []), ...mentions('payload', needles)]),
    )
    .execute();
}

export async function updateDeliveryText(
  trx: Db,
  orgId: string,
  id: string,
  values: { payload: string; last_error: string | null },
): Promise<void> {
  await trx.updateTable('webhook_deliveries').set(values).where('org_id', '=', orgId).where('id', '=', id).execute();
}

/** Audit rows where the user acted or was acted on, or whose labels or before/after name them. */
export async function findAuditRowsToScrub(trx: Db, orgId: string, userId: string, needles: string[]) {
  return trx
    .selectFrom('audit_log')
    .select(['id', 'actor_id', 'actor_label', 'target_id', 'target_label', 'before', 'after', 'ip', 'user_agent'])
    .where('org_id', '=', orgId)
    .where((eb) =>
      eb.or([
        eb('actor_id', '=', userId),
        eb('target_id', '=', userId),
        ...mentions('actor_label', needles),
        ...mentions('target_label', needles),
        ...mentions('before', needles),
        ...mentions('after', needles),
      ]),
    )
    .execute();
}

export async function updateAuditRow(
  trx: Db,
  orgId: string,
  id: number,
  values: {
    actor_label: string | null;
    target_label: string | null;
    before: string | null;
    after: string | null;
    ip: string | null;
    user_agent: string | null;
  },
): Promise<void> {
  await trx.updateTable('audit_log').set(values).where('org_id', '=', orgId).where('id', '=', id).execute();
}

// ─── API tokens the user made ───

/** Revoked: they stop working at once (a token never does more than its maker may, and an erased user may nothing). */
export async function revokeTokensOf(
  trx: Db,
  orgId: string,
  userId: string,
  values: { by: string | null; now: number },
): Promise<void> {
  await trx
    .updateTable('api_tokens')
    .set({ revoked_at: values.now, revoked_by: values.by })
    .where('org_id', '=', orgId)
    .where('created_by', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function findTokenAddresses(trx: Db, orgId: string, userId: string) {
  return trx
    .selectFrom('api_tokens')
    .select(['id', 'last_used_ip'])
    .where('org_id', '=', orgId)
    .where('created_by', '=', userId)
    .where('last_used_ip', 'is not', null)
    .execute();
}

export async function updateTokenAddress(trx: Db, orgId: string, id: string, ip: string): Promise<void> {
  await trx
    .updateTable('api_tokens')
    .set({ last_used_ip: ip })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}
