import { type Kysely, sql } from 'kysely';
import { autoIncrementId } from './migration-helpers.ts';

/** Products, subscriptions with seats, seat assignments (with history), app sessions and daily app usage. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('last_app_use_at', 'bigint').execute();
  await db.schema.alterTable('sign_in_attempts').addColumn('device_name', 'text').execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('key', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('product_id', 'text', (col) => col.notNull().references('products.id'))
    .addColumn('seats', 'integer', (col) => col.notNull())
    // Kept in step with active assignments inside the same transaction; the conditional
    // `assigned < seats` update is what makes "never more assigned than purchased" hold.
    .addColumn('assigned', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('starts_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('auto_renew', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('seat_price_cents', 'integer')
    .addColumn('currency', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addCheckConstraint('subscriptions_assigned_within_seats', sql`assigned >= 0 and assigned <= seats`)
    .execute();
  await db.schema.createIndex('subscriptions_org').on('subscriptions').columns(['org_id', 'expires_at']).execute();

  await db.schema
    .createTable('seat_assignments')
    .addColumn('id', autoIncrementId(db), (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('subscription_id', 'text', (col) => col.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('assigned_at', 'bigint', (col) => col.notNull())
    .addColumn('assigned_by', 'text')
    .addColumn('unassigned_at', 'bigint')
    .addColumn('unassigned_by', 'text')
    .addColumn('unassign_reason', 'text')
    // Latest app use through this seat (session start, heartbeats, sign-out): idle seats are found by it.
    .addColumn('last_used_at', 'bigint')
    .execute();
  // One live seat per user and subscription; history rows (unassigned) don't count.
  await db.schema
    .createIndex('seat_assignments_one_active')
    .on('seat_assignments')
    .columns(['subscription_id', 'user_id'])
    .unique()
    .where(sql.ref('unassigned_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('seat_assignments_org_user')
    .on('seat_assignments')
    .columns(['org_id', 'user_id', 'unassigned_at'])
    .execute();

  await db.schema
    .createTable('app_sessions')
    .addColumn('id', autoIncrementId(db), (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('subscription_id', 'text', (col) => col.notNull())
    .addColumn('app_key', 'text', (col) => col.notNull())
    .addColumn('app_version', 'text')
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('heartbeat_interval_s', 'integer', (col) => col.notNull())
    .addColumn('started_at', 'bigint', (col) => col.notNull())
    .addColumn('last_heartbeat_at', 'bigint', (col) => col.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('end_reason', 'text')
    // Use up to this instant is already in daily_app_usage; heartbeats add the rest every few minutes.
    .addColumn('usage_counted_until', 'bigint', (col) => col.notNull())
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
    .addColumn('device_id', 'text')
    .addColumn('device_name', 'text')
    .addColumn('os', 'text')
    .addColumn('os_version', 'text')
    .execute();
  // The Activity tab merges these with sign-in attempts, newest first, per user.
  await db.schema
    .createIndex('app_sessions_org_user_time')
    .on('app_sessions')
    .columns(['org_id', 'user_id', 'started_at', 'id'])
    .execute();
  // The sweeper scans open sessions (ended_at null). Deliberately not on last_heartbeat_at:
  // that column changes at every heartbeat, and an index on it would be rewritten each time.
  await db.schema.createIndex('app_sessions_ended').on('app_sessions').column('ended_at').execute();

  await db.schema
    .createTable('daily_app_usage')
    .addColumn('org_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('app_key', 'text', (col) => col.notNull())
    /** Calendar day in the organization's time zone, YYYY-MM-DD. */
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('sessions', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('active_seconds', 'integer', (col) => col.notNull().defaultTo(0))
    // Day first after the organization: a report's range is one contiguous stretch of the key.
    .addPrimaryKeyConstraint('daily_app_usage_pk', ['org_id', 'day', 'user_id', 'app_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['daily_app_usage', 'app_sessions', 'seat_assignments', 'subscriptions', 'products']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('sign_in_attempts').dropColumn('device_name').execute();
  await db.schema.alterTable('users').dropColumn('last_app_use_at').execute();
}
