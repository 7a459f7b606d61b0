import type { Kysely } from 'kysely';

/**
 * Per-day sign-in aggregates, written in the same transaction as each attempt, so that
 * reports read days instead of scanning years of raw events. Days are calendar days in
 * the organization's time zone (YYYY-MM-DD); attempts on unknown accounts have no
 * organization and are not aggregated.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('daily_sign_ins')
    .addColumn('org_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('successful', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('throttled', 'integer', (col) => col.notNull().defaultTo(0))
    // Day before user: a report's range is one contiguous stretch of the key, whatever the users.
    .addPrimaryKeyConstraint('daily_sign_ins_pk', ['org_id', 'day', 'user_id'])
    .execute();

  // Distinct devices and countries per user and day; a range's distinct count is a count of these.
  await db.schema
    .createTable('daily_sign_in_keys')
    .addColumn('org_id', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('daily_sign_in_keys_pk', ['org_id', 'day', 'user_id', 'kind', 'value'])
    .execute();

  // Failures by address and account: "one IP failing on many accounts".
  await db.schema
    .createTable('daily_failed_sign_ins')
    .addColumn('org_id', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('ip', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('failed', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('daily_failed_sign_ins_pk', ['org_id', 'day', 'ip', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['daily_failed_sign_ins', 'daily_sign_in_keys', 'daily_sign_ins']) {
    await db.schema.dropTable(table).execute();
  }
}
