import type { Kysely } from 'kysely';
import { autoIncrementId } from './migration-helpers.ts';

/** Organizations, users, invitations, console sessions and the sign-in attempt log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('time_zone', 'text', (col) => col.notNull().defaultTo('UTC'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('email_normalized', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addColumn('last_login_at', 'bigint')
    .addColumn('deactivated_at', 'bigint')
    .addColumn('deactivation_reason', 'text')
    .addColumn('deactivation_note', 'text')
    .execute();
  // The Users page sorts by last sign-in within one organization.
  await db.schema.createIndex('users_org_last_login').on('users').columns(['org_id', 'last_login_at']).execute();
  await db.schema.createIndex('users_org_created').on('users').columns(['org_id', 'created_at']).execute();

  await db.schema
    .createTable('invitations')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('accepted_at', 'bigint')
    .execute();
  await db.schema.createIndex('invitations_user').on('invitations').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('last_seen_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('id', autoIncrementId(db), (col) => col.primaryKey())
    // No foreign keys: the log outlives users and organizations it mentions (retention decides).
    .addColumn('org_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('occurred_at', 'bigint', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('failure_reason', 'text')
    .addColumn('client', 'text', (col) => col.notNull())
    .addColumn('app_key', 'text')
    .addColumn('app_version', 'text')
    .addColumn('ip', 'text', (col) => col.notNull())
    .addColumn('country_code', 'text')
    .addColumn('country', 'text')
    .addColumn('region', 'text')
    .addColumn('city', 'text')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('asn', 'bigint')
    .addColumn('as_organization', 'text')
    .addColumn('device_type', 'text', (col) => col.notNull())
    .addColumn('os', 'text')
    .addColumn('os_version', 'text')
    .addColumn('browser', 'text')
    .addColumn('browser_version', 'text')
    .addColumn('device_id', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('risk', 'text', (col) => col.notNull().defaultTo('[]'))
    .execute();
  // One user's Activity page is a range scan of this index, newest first, whatever the depth.
  await db.schema
    .createIndex('sign_in_attempts_org_user_time')
    .on('sign_in_attempts')
    .columns(['org_id', 'user_id', 'occurred_at', 'id'])
    .execute();
  // Organization-wide views (sign-ins over time, security) read by time.
  await db.schema
    .createIndex('sign_in_attempts_org_time')
    .on('sign_in_attempts')
    .columns(['org_id', 'occurred_at'])
    .execute();
  // Failures from one address across accounts (throttling evidence, security reports).
  await db.schema
    .createIndex('sign_in_attempts_ip_time')
    .on('sign_in_attempts')
    .columns(['ip', 'occurred_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sign_in_attempts', 'sessions', 'invitations', 'users', 'organizations']) {
    await db.schema.dropTable(table).execute();
  }
}
