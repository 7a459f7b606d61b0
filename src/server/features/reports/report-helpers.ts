import type { Db } from '../../db/database.ts';

/**
 * Everyone in the organization, for reports that list users with zero activity too. Only the
 * columns the rows show: at 10,000 users every column read costs milliseconds.
 */
export async function findOrgUsers(db: Db, orgId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'status', 'last_login_at'])
    .where('org_id', '=', orgId)
    .execute();
}

/** Products by key, for names in rows. */
export async function productNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('products').select(['key', 'name']).execute();
  return new Map(rows.map((row) => [row.key, row.name]));
}
