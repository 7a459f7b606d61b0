import { type Kysely, sql } from 'kysely';
import { autoIncrementId } from './migration-helpers.ts';

/**
 * Seats the way desktop software is licensed (issue 14): floating pools whose app sessions hold
 * leases, offline borrowing with lease files signed per organization (Ed25519), every refused seat
 * request kept, hourly peaks of seats in use for the demand report, and dormant named seats reclaimed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('subscriptions')
    // 'named' (seats assigned to people) | 'floating' (a pool any active member may lease from).
    .addColumn('kind', 'text', (col) => col.notNull().defaultTo('named'))
    .execute();
  // Live leases (online and borrowed), kept in step inside the transaction that takes or releases one.
  // On a floating pool the conditional `leased < seats` update is what makes "never more leases than
  // seats" hold; a named seat's leases are its holder's devices (bounded by device_limit instead).
  await db.schema
    .alterTable('subscriptions')
    .addColumn('leased', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  // Live borrowed leases: a floating pool lends at most seats − min_pool_seats.
  await db.schema
    .alterTable('subscriptions')
    .addColumn('borrowed', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  // A floating lease not renewed (a heartbeat) within this many seconds is released (Keygen: 10 min).
  await db.schema
    .alterTable('subscriptions')
    .addColumn('lease_window_s', 'integer', (col) => col.notNull().defaultTo(600))
    .execute();
  // Devices one user may run a named seat on at once (their live leases).
  await db.schema
    .alterTable('subscriptions')
    .addColumn('device_limit', 'integer', (col) => col.notNull().defaultTo(2))
    .execute();
  // Longest offline borrowing in days; 0 turns borrowing off.
  await db.schema
    .alterTable('subscriptions')
    .addColumn('max_borrow_days', 'integer', (col) => col.notNull().defaultTo(14))
    .execute();
  // Seats of a floating pool that are never lent out: they stay for the people in the office.
  await db.schema
    .alterTable('subscriptions')
    .addColumn('min_pool_seats', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  // Dormant-seat reclaim: null = off; otherwise days without use after which a named seat is freed.
  await db.schema.alterTable('subscriptions').addColumn('reclaim_after_days', 'integer').execute();

  // A silence longer than this ends the session (null: three heartbeat intervals, the named seats' rule);
  // a floating session's is its pool's lease window.
  await db.schema.alterTable('app_sessions').addColumn('silence_limit_s', 'integer').execute();

  // When the holder was warned that a dormant seat will be reclaimed; a use after it starts over.
  await db.schema.alterTable('seat_assignments').addColumn('reclaim_warned_at', 'bigint').execute();

  // One row per seat a device holds: while an app session runs (online), or checked out offline
  // (borrowed_until set) until it is returned or runs out. History rows (released) stay.
  await db.schema
    .createTable('seat_leases')
    .addColumn('id', autoIncrementId(db), (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('subscription_id', 'text', (col) => col.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull())
    // The app session using the lease now; a borrowed lease outlives its session.
    .addColumn('app_session_id', 'bigint')
    .addColumn('device_id', 'text')
    .addColumn('device_name', 'text')
    .addColumn('taken_at', 'bigint', (col) => col.notNull())
    .addColumn('borrowed_at', 'bigint')
    .addColumn('borrowed_until', 'bigint')
    // The signing key (kid) of the borrowed lease's file.
    .addColumn('signing_key_id', 'text')
    .addColumn('released_at', 'bigint')
    // 'session_ended' | 'force_released' | 'returned' | 'borrow_expired' | 'seat_removed' | 'deactivated' …
    .addColumn('release_reason', 'text')
    .addColumn('released_by', 'text')
    .addColumn('release_note', 'text')
    .execute();
  await db.schema
    .createIndex('seat_leases_live')
    .on('seat_leases')
    .columns(['subscription_id', 'released_at', 'taken_at'])
    .execute();
  await db.schema
    .createIndex('seat_leases_user')
    .on('seat_leases')
    .columns(['org_id', 'user_id', 'subscription_id', 'released_at'])
    .execute();
  await db.schema.createIndex('seat_leases_session').on('seat_leases').column('app_session_id').execute();
  await db.schema
    .createIndex('seat_leases_borrowed')
    .on('seat_leases')
    .columns(['borrowed_until'])
    .where(sql.ref('released_at'), 'is', null)
    .execute();

  // Every refused seat request. `outcome` starts 'pending' and becomes 'seat_on_retry' when the same
  // user and product get a seat soon after, or 'gave_up' once that window passes (RLM's "real" denial).
  await db.schema
    .createTable('seat_denials')
    .addColumn('id', autoIncrementId(db), (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('subscription_id', 'text')
    .addColumn('product_key', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('device_id', 'text')
    .addColumn('device_name', 'text')
    // 'pool_full' | 'no_seat' | 'device_limit' | 'subscription_expired'
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('denied_at', 'bigint', (col) => col.notNull())
    .addColumn('outcome', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('resolved_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('seat_denials_org_time')
    .on('seat_denials')
    .columns(['org_id', 'denied_at', 'id'])
    .execute();
  await db.schema
    .createIndex('seat_denials_pending')
    .on('seat_denials')
    .columns(['org_id', 'user_id', 'product_key', 'denied_at'])
    .where(sql.ref('outcome'), '=', 'pending')
    .execute();

  // Seats in use per subscription and UTC hour: the hour's peak, the count after its last change (an
  // hour without a row had no change: its peak is the previous row's `last`) and the seats owned.
  await db.schema
    .createTable('seat_usage_hours')
    .addColumn('org_id', 'text', (col) => col.notNull())
    .addColumn('subscription_id', 'text', (col) => col.notNull())
    .addColumn('hour', 'bigint', (col) => col.notNull())
    .addColumn('peak', 'integer', (col) => col.notNull())
    .addColumn('last', 'integer', (col) => col.notNull())
    .addColumn('seats', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('seat_usage_hours_pk', ['subscription_id', 'hour'])
    .execute();
  await db.schema.createIndex('seat_usage_hours_org').on('seat_usage_hours').columns(['org_id', 'hour']).execute();

  // Ed25519 keys that sign an organization's lease files. A rotated key stops signing (retired_at)
  // but stays published while a lease it signed can still be verified.
  await db.schema
    .createTable('license_signing_keys')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('public_jwk', 'text', (col) => col.notNull())
    .addColumn('private_jwk', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('retired_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('license_signing_keys_org')
    .on('license_signing_keys')
    .columns(['org_id', 'retired_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['license_signing_keys', 'seat_usage_hours', 'seat_denials', 'seat_leases']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('seat_assignments').dropColumn('reclaim_warned_at').execute();
  await db.schema.alterTable('app_sessions').dropColumn('silence_limit_s').execute();
  for (const column of [
    'reclaim_after_days',
    'min_pool_seats',
    'max_borrow_days',
    'device_limit',
    'lease_window_s',
    'borrowed',
    'leased',
    'kind',
  ]) {
    await db.schema.alterTable('subscriptions').dropColumn(column).execute();
  }
}
