import type { Db } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { canSignInAsOwner, countOwnersWhoCanSignIn, findUserById } from './users.repository.ts';

const lastOwner = () =>
  new AppError(
    409,
    'last-owner',
    'The last owner who can sign in must stay',
    'Make another user an owner first: an organization always keeps one active owner who has set a password ' +
      '(an owner whose invitation is still pending does not count).',
  );

/**
 * Refuses a change that would take away an owner who can sign in (demotion, deactivation) when
 * they are the last one. Call after lockOrganization, so two owners demoting each other at once
 * cannot both pass.
 */
export async function assertOwnerRemains(db: Db, orgId: string, user: UserRow): Promise<void> {
  if (canSignInAsOwner(user) && (await countOwnersWhoCanSignIn(db, orgId)) <= 1) throw lastOwner();
}

/** The user of this organization, or 404. */
export async function requireUser(db: Db, orgId: string, userId: string): Promise<UserRow> {
  const user = await findUserById(db, orgId, userId);
  if (!user) throw notFound('User');
  return user;
}
