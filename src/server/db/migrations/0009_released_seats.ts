import { type Kysely, sql } from 'kysely';

/**
 * The seats that deactivating a user freed, so that reactivating them can offer those seats back.
 * One row per user and subscription; reactivation (with or without giving the seats back) deletes
 * the user's rows. Users deactivated before this migration get theirs from the assignments'
 * history: the seats freed at the very instant of their deactivation, "deactivated: …" being the
 * reason deactivation writes, and not held again since.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('released_seats')
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('subscription_id', 'text', (col) => col.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('released_at', 'bigint', (col) => col.notNull())
    // A user's rows are read and deleted together (reactivation): the key starts with the user.
    .addPrimaryKeyConstraint('released_seats_pk', ['user_id', 'subscription_id'])
    .execute();

  await sql`
    insert into released_seats (org_id, user_id, subscription_id, released_at)
    select a.org_id, a.user_id, a.subscription_id, max(a.unassigned_at)
    from seat_assignments a
    inner join users u on u.id = a.user_id and u.org_id = a.org_id
    where u.status = 'deactivated'
      and a.unassigned_at = u.deactivated_at
      and a.unassign_reason like 'deactivated:%'
      and not exists (
        select 1 from seat_assignments held
        where held.subscription_id = a.subscription_id and held.user_id = a.user_id and held.unassigned_at is null
      )
    group by a.org_id, a.user_id, a.subscription_id
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('released_seats').execute();
}
