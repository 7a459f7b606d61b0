import { type Kysely, sql } from 'kysely';
import { isSqlite } from './migration-helpers.ts';

/**
 * The security report's failing addresses from a bounded table: per organization and local day,
 * the 100 addresses with the most failures that day (ties: the lower address in byte order).
 * Filled here from `daily_failed_sign_ins` with a frozen copy of the ranking
 * (report-aggregates/failing-addresses.ts keeps it at write time).
 */
const TOP_ADDRESSES_PER_DAY = 100;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('daily_failing_addresses')
    .addColumn('org_id', 'text', (col) => col.notNull())
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('ip', 'text', (col) => col.notNull())
    .addColumn('failed', 'integer', (col) => col.notNull())
    .addColumn('last_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('daily_failing_addresses_pk', ['org_id', 'day', 'ip'])
    .execute();
  const ipOrder = isSqlite(db) ? sql`ip` : sql`ip collate "C"`;
  await sql`
    insert into daily_failing_addresses (org_id, day, ip, failed, last_at)
    select org_id, day, ip, failed, last_at from (
      select org_id, day, ip, sum(failed) as failed, max(last_at) as last_at,
        row_number() over (partition by org_id, day order by sum(failed) desc, ${ipOrder}) as place
      from daily_failed_sign_ins
      group by org_id, day, ip
    ) ranked
    where place <= ${TOP_ADDRESSES_PER_DAY}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('daily_failing_addresses').execute();
}
