import type { SecuritySettings } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import { readStoredSecuritySettings } from './security-settings.repository.ts';
import { securitySettingsFrom } from './security-settings.ts';

/** The organization's security rules, defaults filled in (inside a transaction when given one). */
export async function readSecuritySettings(db: Db, orgId: string): Promise<SecuritySettings> {
  return securitySettingsFrom(await readStoredSecuritySettings(db, orgId));
}
