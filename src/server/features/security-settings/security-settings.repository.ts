import type { Db } from '../../db/database.ts';

/** The organization's stored security rules (JSON, organizations.security_settings); undefined: no such organization. */
export async function readStoredSecuritySettings(db: Db, orgId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('organizations')
    .select('security_settings')
    .where('id', '=', orgId)
    .executeTakeFirst();
  return row?.security_settings;
}

export async function writeSecuritySettings(db: Db, orgId: string, json: string): Promise<void> {
  await db.updateTable('organizations').set({ security_settings: json }).where('id', '=', orgId).execute();
}
