import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AuditLogRow } from '../../db/schema.ts';

/** The audit log's only write path: one row, in the caller's transaction. */
export async function insertAuditRow(db: Db, row: Insertable<AuditLogRow>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}
