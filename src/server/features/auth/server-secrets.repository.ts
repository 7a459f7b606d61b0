import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';

/**
 * The secret called `name`, created (256 random bits) by whichever process asks first.
 * Race-safe across processes: everyone inserts-or-ignores, then everyone reads the one
 * row that won, so all processes end up with the same value.
 */
export async function findOrCreateServerSecret(db: Db, name: string, now: number): Promise<Buffer> {
  const existing = await selectSecret(db, name);
  if (existing) return existing;
  await db
    .insertInto('server_secrets')
    .values({ name, value: randomBytes(32).toString('base64url'), created_at: now })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const stored = await selectSecret(db, name);
  if (!stored) throw new Error(`server secret ${name} could not be stored`);
  return stored;
}

async function selectSecret(db: Db, name: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirst();
  return row ? Buffer.from(row.value, 'base64url') : undefined;
}
