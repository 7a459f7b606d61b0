import type { Db } from '../../db/database.ts';

/**
 * The aggregates' writers run inside the transaction of the events they count (an attempt and
 * its counts commit together; a key's latest-totals row stays locked until the commit): the
 * use case opens it. Outside one, the writes would commit one by one, so refuse.
 */
export function requireTransaction(db: Db, writer: string): void {
  if (!db.isTransaction) throw new Error(`${writer} must run inside the caller's transaction`);
}
