import type { Kysely } from 'kysely';

/** The organization's own thresholds: days without use before a user is inactive, a seat under-used. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('organizations')
    .addColumn('inactivity_days', 'integer', (col) => col.notNull().defaultTo(30))
    .execute();
  await db.schema
    .alterTable('organizations')
    .addColumn('underuse_days', 'integer', (col) => col.notNull().defaultTo(30))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organizations').dropColumn('underuse_days').execute();
  await db.schema.alterTable('organizations').dropColumn('inactivity_days').execute();
}
