import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import { isSqlite } from '../../db/dialect.ts';
import type { OrganizationRow } from '../../db/schema.ts';

export interface Organization {
  id: string;
  name: string;
  timeZone: string;
  inactivityDays: number;
  underuseDays: number;
}

export async function insertOrganization(db: Db, input: { name: string; timeZone?: string; now: number }) {
  const id = randomUUID();
  await db
    .insertInto('organizations')
    .values({ id, name: input.name, time_zone: input.timeZone ?? 'UTC', created_at: input.now })
    .execute();
  const organization = await findOrganization(db, id);
  if (!organization) throw new Error('organization vanished after insert');
  return organization;
}

export async function findOrganization(db: Db, orgId: string): Promise<Organization | undefined> {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', orgId).executeTakeFirst();
  return row && toOrganization(row);
}

export async function countOrganizations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Serialises changes to an organization's owners inside a transaction, so two owners
 * demoting each other at once cannot leave none. PostgreSQL takes a row lock; SQLite
 * already runs one write transaction at a time. `FOR NO KEY UPDATE`, not `FOR UPDATE`: the
 * lockers still queue behind each other, but a row inserted elsewhere that references the
 * organization (its foreign key takes `KEY SHARE`) does not wait, so a transaction holding a
 * subscription row cannot deadlock with one holding the organization (two first borrowings did).
 */
export async function lockOrganization(trx: Db, orgId: string): Promise<void> {
  if (isSqlite(trx)) return;
  await trx.selectFrom('organizations').select('id').where('id', '=', orgId).forNoKeyUpdate().execute();
}

export async function updateOrganization(
  db: Db,
  orgId: string,
  changes: Partial<Pick<Selectable<OrganizationRow>, 'name' | 'time_zone' | 'inactivity_days' | 'underuse_days'>>,
): Promise<void> {
  await db.updateTable('organizations').set(changes).where('id', '=', orgId).execute();
}

function toOrganization(row: Selectable<OrganizationRow>): Organization {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    inactivityDays: Number(row.inactivity_days),
    underuseDays: Number(row.underuse_days),
  };
}

/**
 * Before this instant (ms) retention deleted the organization's sign-in attempts; 0 when it never
 * did. The reports' aggregates are then the only record of them and must not be recounted.
 */
export async function findSignInsPurgedBefore(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('organizations')
    .select('sign_ins_purged_before')
    .where('id', '=', orgId)
    .executeTakeFirst();
  return Number(row?.sign_ins_purged_before ?? 0);
}
