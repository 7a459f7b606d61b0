import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError } from '../../lib/app-error.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { assertAcceptablePassword, hashPassword } from '../auth/index.ts';
import { insertOrganization } from '../organizations/index.ts';
import { insertUser, newUserRow } from '../users/index.ts';
import { OPERATOR_CLI } from './operator-actor.ts';

/** The password policy for a new organization's first owner, with the words only they know of. */
export function checkOwnerPassword(input: NewOrganization): void {
  assertAcceptablePassword(input.ownerPassword, {
    email: input.ownerEmail,
    name: input.ownerName,
    orgName: input.name,
  });
}

export interface NewOrganization {
  name: string;
  timeZone?: string;
  ownerEmail: string;
  ownerName?: string;
  ownerPassword: string;
}

/**
 * An organization with its first owner, ready to sign in (operator CLI and demo seeding). The
 * password policy is the caller's: the CLI applies it to the password a person chose (with
 * checkOwnerPassword); the demo's password is published in the README and guards nothing.
 */
export async function createOrganization(
  db: Db,
  input: NewOrganization,
  now = Date.now(),
  actor: AuditActor = OPERATOR_CLI,
) {
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
      await recordAudit(
        trx,
        actor,
        {
          orgId: organization.id,
          action: 'organization.created',
          target: { type: 'organization', id: organization.id, label: organization.name },
          after: {
            name: organization.name,
            timeZone: organization.timeZone,
            ownerEmail: owner.email,
            ownerId: owner.id,
          },
        },
        now,
      );
      return { organization, ownerId: owner.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(409, 'email-taken', 'Email already in use', `${input.ownerEmail} already has an account.`);
    }
    throw error;
  }
}
