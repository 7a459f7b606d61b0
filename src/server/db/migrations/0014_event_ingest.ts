import type { Kysely } from 'kysely';

/**
 * Bulk ingest of sign-in events from another identity provider (issue 15): the idempotency keys an
 * organization's ingested events carried. A separate table rather than columns on sign_in_attempts:
 * every other writer of sign-in attempts stays as it was, and a key outlives its attempt's purge by
 * retention (a re-sent old event is still a duplicate, not a new sign-in counted twice).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ingested_events')
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    // The sender's own id of the event (Entra's `id`, Google's `id.uniqueQualifier`, or ours), ≤ 200 characters.
    .addColumn('idempotency_key', 'text', (col) => col.notNull())
    // Epoch ms when it was first accepted; the event's own time is on its sign-in attempt.
    .addColumn('ingested_at', 'bigint', (col) => col.notNull())
    // The primary key is what makes two racing batches store a key once (insert … on conflict do nothing).
    .addPrimaryKeyConstraint('ingested_events_pk', ['org_id', 'idempotency_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ingested_events').execute();
}
