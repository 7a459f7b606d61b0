import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError } from '../../http/errors.ts';
import { assertAcceptablePassword, hashPassword } from '../auth/passwords.ts';
import { insertUser, newUserRow } from '../users/users.repository.ts';
import { insertOrganization } from './organizations.repository.ts';

export interface NewOrganization {
  name: string;
  timeZone?: string;
  ownerEmail: string;
  ownerName?: string;
  ownerPassword: string;
}

/** An organization with its first owner, ready to sign in (operator CLI and demo seeding). */
export async function createOrganization(db: Db, input: NewOrganization, now = Date.now()) {
  assertAcceptablePassword(input.ownerPassword, { email: input.ownerEmail });
  const passwordHash = await hashPassword(input.ownerPassword);
  try {
    return await db.transaction().execute(async (trx) => {
      const organization = await insertOrganization(trx, { name: input.name, timeZone: input.timeZone, now });
      const owner = newUserRow({
        orgId: organization.id,
        email: input.ownerEmail,
        name: input.ownerName?.trim() || input.ownerEmail.split('@')[0] || 'Owner',
        role: 'owner',
        passwordHash,
        now,
      });
      await insertUser(trx, owner);
      return { organization, ownerId: owner.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(409, 'email-taken', 'Email already in use', `${input.ownerEmail} already has an account.`);
    }
    throw error;
  }
}
