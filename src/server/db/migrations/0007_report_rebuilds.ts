import type { Kysely } from 'kysely';

/**
 * The state of each organization's report rebuild (a changed time zone, `rebuild-reports`),
 * shared by every server process: it runs in the background in short batches, and `cursor`
 * (the last user recounted) commits with each batch, so a process that dies resumes where the
 * last batch ended. One row per organization: its latest rebuild.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_rebuilds')
    .addColumn('org_id', 'text', (col) => col.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('time_zone', 'text', (col) => col.notNull())
    .addColumn('cursor', 'text')
    .addColumn('users_done', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('users_total', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('started_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('error', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_rebuilds').execute();
}
