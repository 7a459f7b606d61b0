import { type Kysely, sql } from 'kysely';
import { autoIncrementId } from './migration-helpers.ts';

/**
 * Accountability and privacy (issue 13): the audit log of owner and operator actions, API tokens,
 * where each console session was opened from, how long each organization keeps raw events and
 * addresses, a lease so one process at a time runs a scheduled job, and erased users.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Append-only through the application: no route updates or deletes a row; only the retention
  // job (past the organization's audit retention) and erasure (the subject's details) touch them.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', autoIncrementId(db), (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('occurred_at', 'bigint', (col) => col.notNull())
    // 'user' (an owner in the console or with an API token) | 'operator' (the CLI) | 'system' (a job).
    .addColumn('actor_type', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'text')
    // The actor's email when it acted: the log still reads after the user is renamed (erasure blanks it).
    .addColumn('actor_label', 'text')
    .addColumn('api_token_id', 'text')
    // e.g. 'user.created', 'seat.assigned', 'settings.changed' (src/contract/audit-log.ts lists them).
    .addColumn('action', 'text', (col) => col.notNull())
    // 'user' | 'subscription' | 'organization' | 'alert' | 'api_token' | 'session' | 'webhook' | 'report' …
    .addColumn('target_type', 'text', (col) => col.notNull())
    .addColumn('target_id', 'text')
    .addColumn('target_label', 'text')
    // JSON objects of the fields that changed, before and after; null where there is no such side.
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('audit_log_org_time').on('audit_log').columns(['org_id', 'occurred_at', 'id']).execute();
  await db.schema
    .createIndex('audit_log_org_actor')
    .on('audit_log')
    .columns(['org_id', 'actor_id', 'occurred_at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_org_target')
    .on('audit_log')
    .columns(['org_id', 'target_id', 'occurred_at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_org_action')
    .on('audit_log')
    .columns(['org_id', 'action', 'occurred_at', 'id'])
    .execute();

  // Shown once; only the SHA-256 is kept. `prefix` (the first characters) tells tokens apart in lists.
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    // 'read' (GET only) | 'full' (what its owner may do).
    .addColumn('scope', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('prefix', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .addColumn('last_used_ip', 'text')
    .addColumn('revoked_at', 'bigint')
    .addColumn('revoked_by', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_org').on('api_tokens').columns(['org_id', 'created_at']).execute();

  // The sign-in that opened a console session: its device, address and place, for the sessions list.
  await db.schema.alterTable('sessions').addColumn('sign_in_attempt_id', 'bigint').execute();

  // Retention and anonymisation, per organization. Raw events: sign-in attempts and ended app
  // sessions (the reports' aggregates are kept). IP anonymisation: 'never' | 'always' | 'after'
  // (after ip_anonymise_after_days), keeping the /24 of IPv4 and the /48 of IPv6.
  await db.schema
    .alterTable('organizations')
    .addColumn('raw_event_retention_days', 'integer', (col) => col.notNull().defaultTo(365))
    .execute();
  // An organization that exists before this migration has kept everything so far: an upgrade must
  // not delete years of its history an hour later. It keeps the longest retention (10 years) until
  // an owner chooses; organizations created from now on start at 365 days.
  await sql`update organizations set raw_event_retention_days = 3650`.execute(db);
  await db.schema
    .alterTable('organizations')
    .addColumn('audit_retention_days', 'integer', (col) => col.notNull().defaultTo(730))
    .execute();
  await db.schema
    .alterTable('organizations')
    .addColumn('ip_anonymisation', 'text', (col) => col.notNull().defaultTo('never'))
    .execute();
  await db.schema
    .alterTable('organizations')
    .addColumn('ip_anonymise_after_days', 'integer', (col) => col.notNull().defaultTo(30))
    .execute();
  // The retention job's watermark: this organization's stored addresses older than this instant
  // (ms) are already cut, so each run reads only what aged past the line since the last one.
  await db.schema
    .alterTable('organizations')
    .addColumn('ip_anonymised_before', 'bigint', (col) => col.notNull().defaultTo(0))
    .execute();
  // Sign-in attempts older than this (ms) were deleted by retention: the reports' aggregates are then
  // the only record of them, so nothing may recount those aggregates from the raw attempts.
  await db.schema
    .alterTable('organizations')
    .addColumn('sign_ins_purged_before', 'bigint', (col) => col.notNull().defaultTo(0))
    .execute();
  // The retention job finds what references the sign-in attempts it deletes, and the app sessions
  // whose addresses it cuts, by index rather than by scanning the organization's rows.
  await db.schema.createIndex('alert_sign_ins_sign_in').on('alert_sign_ins').columns(['sign_in_id']).execute();
  await db.schema
    .createIndex('sign_in_confirmations_sign_in')
    .on('sign_in_confirmations')
    .columns(['sign_in_id'])
    .execute();
  await db.schema
    .createIndex('app_sessions_org_started')
    .on('app_sessions')
    .columns(['org_id', 'started_at', 'id'])
    .execute();

  // A scheduled job runs in one process at a time: the holder renews its lease while it works.
  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('holder', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    // The last run's end and what it did (JSON), for `purge` and the Settings page.
    .addColumn('last_finished_at', 'bigint')
    .addColumn('last_result', 'text')
    .execute();

  // An erased user keeps an anonymous row (their id ties the aggregates together); the time says so.
  await db.schema.alterTable('users').addColumn('erased_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('erased_at').execute();
  await db.schema.dropTable('job_leases').execute();
  await db.schema.dropIndex('app_sessions_org_started').execute();
  await db.schema.dropIndex('sign_in_confirmations_sign_in').execute();
  await db.schema.dropIndex('alert_sign_ins_sign_in').execute();
  for (const column of [
    'sign_ins_purged_before',
    'ip_anonymised_before',
    'ip_anonymise_after_days',
    'ip_anonymisation',
    'audit_retention_days',
    'raw_event_retention_days',
  ]) {
    await db.schema.alterTable('organizations').dropColumn(column).execute();
  }
  await db.schema.alterTable('sessions').dropColumn('sign_in_attempt_id').execute();
  await db.schema.dropTable('api_tokens').execute();
  await db.schema.dropTable('audit_log').execute();
}
