import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { ProductRow } from '../../db/schema.ts';

/** The API shape: the vendor's application, known to apps by its key. */
export interface Product {
  key: string;
  name: string;
}

/** Products are the vendor's catalogue, shared by every organization (the operator adds them). */
export async function insertProduct(db: Db, input: { key: string; name: string; now: number }): Promise<ProductRow> {
  const row: ProductRow = { id: randomUUID(), key: input.key, name: input.name, created_at: input.now };
  await db.insertInto('products').values(row).execute();
  return row;
}

export async function findProductByKey(db: Db, key: string): Promise<ProductRow | undefined> {
  return db.selectFrom('products').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function listProducts(db: Db): Promise<Product[]> {
  return db.selectFrom('products').select(['key', 'name']).orderBy('name').execute();
}
