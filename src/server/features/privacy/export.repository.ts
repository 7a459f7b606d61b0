import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * The reads behind a user's data export. Long histories (sign-in attempts, app sessions, seat
 * leases and denials, audit entries) are read a page at a time by id (`afterId` exclusive, `limit` rows), so memory stays
 * bounded whatever their length; the short lists are read whole. Every query is scoped by
 * organization, and none selects a secret column (hashes, TOTP secrets, passkey keys).
 */

export async function findSeatHistory(db: Db, orgId: string, userId: string) {
  return db
    .selectFrom('seat_assignments as a')
    .innerJoin('subscriptions as s', 's.id', 'a.subscription_id')
    .innerJoin('products as p', 'p.id', 's.product_id')
    .select([
      'a.subscription_id',
      'p.name as product',
      'a.assigned_at',
      'a.unassigned_at',
      'a.unassign_reason',
      'a.last_used_at',
    ])
    .where('a.org_id', '=', orgId)
    .where('a.user_id', '=', userId)
    .orderBy('a.id')
    .execute();
}

export async function findInvitationDates(db: Db, orgId: string, userId: string) {
  return db
    .selectFrom('invitations')
    .select(['created_at', 'expires_at', 'accepted_at'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

export async function findSignInAttemptPage(db: Db, orgId: string, userId: string, afterId: number, limit: number) {
  return db
    .selectFrom('sign_in_attempts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function findAppSessionPage(db: Db, orgId: string, userId: string, afterId: number, limit: number) {
  return db
    .selectFrom('app_sessions')
    .select([
      'id',
      'app_key',
      'app_version',
      'started_at',
      'last_heartbeat_at',
      'ended_at',
      'end_reason',
      'method',
      'ip',
      'country_code',
      'country',
      'region',
      'city',
      'latitude',
      'longitude',
      'device_type',
      'device_id',
      'device_name',
      'os',
      'os_version',
    ])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The seats the user's devices held (live or released), by id. */
export async function findSeatLeasePage(db: Db, orgId: string, userId: string, afterId: number, limit: number) {
  return db
    .selectFrom('seat_leases as l')
    .innerJoin('subscriptions as s', (join) => join.onRef('s.id', '=', 'l.subscription_id').on('s.org_id', '=', orgId))
    .innerJoin('products as p', 'p.id', 's.product_id')
    .select([
      'l.id',
      'l.subscription_id',
      'p.name as product',
      'l.app_session_id',
      'l.device_id',
      'l.device_name',
      'l.taken_at',
      'l.borrowed_at',
      'l.borrowed_until',
      'l.released_at',
      'l.release_reason',
      'l.released_by',
      'l.release_note',
    ])
    .where('l.org_id', '=', orgId)
    .where('l.user_id', '=', userId)
    .where('l.id', '>', afterId)
    .orderBy('l.id')
    .limit(limit)
    .execute();
}

/** The user's refused seat requests, by id (index seat_denials_user). */
export async function findSeatDenialPage(db: Db, orgId: string, userId: string, afterId: number, limit: number) {
  return db
    .selectFrom('seat_denials')
    .select([
      'id',
      'product_key',
      'subscription_id',
      'device_id',
      'device_name',
      'reason',
      'denied_at',
      'outcome',
      'resolved_at',
    ])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function findConsoleSessions(db: Db, orgId: string, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['created_at', 'expires_at', 'last_seen_at', 'sign_in_attempt_id'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** Alerts raised on the user, or holding one of their sign-ins as evidence. */
export async function findAlertsOfUser(db: Db, orgId: string, userId: string) {
  return db
    .selectFrom('alerts')
    .selectAll()
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
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findAlertStatusChanges(db: Db, orgId: string, alertIds: string[]) {
  if (alertIds.length === 0) return [];
  return db
    .selectFrom('alert_status_changes')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('alert_id', 'in', alertIds)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
}

/** Audit entries where the user acted or was acted on, by id. */
export async function findAuditPage(db: Db, orgId: string, userId: string, afterId: number, limit: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('org_id', '=', orgId)
    .where((eb) => eb.or([eb('actor_id', '=', userId), eb('target_id', '=', userId)]))
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function findSecondFactors(db: Db, orgId: string, userId: string) {
  const [totp, passkeys, codes] = await Promise.all([
    db
      .selectFrom('totp_factors')
      .select(['created_at', 'confirmed_at'])
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .execute(),
    db
      .selectFrom('passkeys')
      .select(['name', 'created_at', 'last_used_at'])
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('recovery_codes')
      .select(['created_at', 'used_at'])
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
  ]);
  return { totp, passkeys, codes };
}

export async function findApiTokensBy(db: Db, orgId: string, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scope', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('org_id', '=', orgId)
    .where('created_by', '=', userId)
    .orderBy('created_at')
    .execute();
}

export async function findPasswordResetDates(db: Db, orgId: string, userId: string) {
  return db
    .selectFrom('password_resets')
    .select(['created_at', 'expires_at', 'used_at', 'issued_by'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** Mails addressed to the user (the address compared case-insensitively): kind, subject and dates only. */
export async function findEmailsTo(db: Db, orgId: string, emailNormalized: string) {
  return db
    .selectFrom('email_outbox')
    .select(['kind', 'subject', 'created_at', 'sent_at'])
    .where('org_id', '=', orgId)
    .where(sql<string>`lower(to_address)`, '=', emailNormalized)
    .orderBy('created_at')
    .execute();
}
