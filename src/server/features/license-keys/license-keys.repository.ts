import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { LicenseSigningKeyRow } from '../../db/schema.ts';

export async function insertSigningKey(db: Db, row: LicenseSigningKeyRow): Promise<void> {
  await db.insertInto('license_signing_keys').values(row).execute();
}

/** The organization's signing key: the oldest one not retired (there is one unless two first borrowings raced). */
export async function findActiveSigningKey(db: Db, orgId: string) {
  return db
    .selectFrom('license_signing_keys')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('retired_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/**
 * A key by its `kid`, whatever its organization: the kid of a lease file's header is all a return
 * brings, and the key's organization must then match the file's `org` claim. Retired keys too.
 */
export async function findSigningKeyById(db: Db, kid: string) {
  return db.selectFrom('license_signing_keys').selectAll().where('id', '=', kid).executeTakeFirst();
}

/** Stops the organization's active keys from signing; answers their ids. */
export async function retireSigningKeys(db: Db, orgId: string, at: number): Promise<string[]> {
  const rows = await db
    .updateTable('license_signing_keys')
    .set({ retired_at: at })
    .where('org_id', '=', orgId)
    .where('retired_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * The public keys to publish: every active key, and each retired key while a lease it signed is
 * still live and not past its borrowing (an app offline on it must keep verifying its file). One
 * organization's, or every organization's when `orgId` is undefined. Oldest first.
 */
export async function findPublishedKeys(db: Db, orgId: string | undefined, now: number) {
  let query = db
    .selectFrom('license_signing_keys as k')
    .select(['k.id', 'k.org_id', 'k.public_jwk'])
    .where((eb) =>
      eb.or([
        eb('k.retired_at', 'is', null),
        eb.exists(
          eb
            .selectFrom('seat_leases as l')
            .select(sql`1`.as('one'))
            .whereRef('l.signing_key_id', '=', 'k.id')
            .whereRef('l.org_id', '=', 'k.org_id')
            .where('l.released_at', 'is', null)
            .where(sql<SqlBool>`l.borrowed_until > ${now}`),
        ),
      ]),
    )
    .orderBy('k.created_at')
    .orderBy('k.id');
  if (orgId !== undefined) query = query.where('k.org_id', '=', orgId);
  return query.execute();
}
