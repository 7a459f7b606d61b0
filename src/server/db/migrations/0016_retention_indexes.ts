import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the retention job's newer tables (docs/retention.md): it deletes an organization's
 * idempotency keys by age and its released seat leases by release time, 500 at a time, oldest
 * first. Without these, each batch would read every key (the primary key is org + key) or every
 * lease of the organization (seat_leases_user leads with the user) to find the oldest 500. And one
 * user's seat denials, which a data export pages through by id and an erasure rewrites
 * (docs/privacy.md): without it both read every denial of the organization. And the seat denials
 * that still name a device, by age: the job clears the device of those past raw retention, but
 * keeps the denials forever (the seat reports count them), so without it every hourly run would
 * read all of an organization's old, already cleared denials to find none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('ingested_events_org_age')
    .on('ingested_events')
    .columns(['org_id', 'ingested_at'])
    .execute();
  // Only released leases: live ones (released_at null) are never the job's, and stay out of it.
  await db.schema
    .createIndex('seat_leases_released')
    .on('seat_leases')
    .columns(['org_id', 'released_at'])
    .where(sql.ref('released_at'), 'is not', null)
    .execute();
  await db.schema.createIndex('seat_denials_user').on('seat_denials').columns(['org_id', 'user_id', 'id']).execute();
  // Only denials that still name a device: a cleared one leaves the index, so it stays as small as
  // the raw-event window. The job's query repeats this predicate word for word (SQLite uses a
  // partial index only when the query's WHERE contains its condition).
  await db.schema
    .createIndex('seat_denials_with_device')
    .on('seat_denials')
    .columns(['org_id', 'denied_at', 'id'])
    .where((eb) => eb.or([eb(sql.ref('device_id'), 'is not', null), eb(sql.ref('device_name'), 'is not', null)]))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('seat_denials_with_device').execute();
  await db.schema.dropIndex('seat_denials_user').execute();
  await db.schema.dropIndex('seat_leases_released').execute();
  await db.schema.dropIndex('ingested_events_org_age').execute();
}
