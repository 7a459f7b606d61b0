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

/**
 * The same rule for a batch (bulk deactivation): refused whole when the batch holds every owner who
 * can sign in, naming them, so the owner knows whom to leave out. Call after lockOrganization.
 */
export async function assertOwnersRemain(db: Db, orgId: string, users: readonly UserRow[]): Promise<void> {
  const owners = users.filter(canSignInAsOwner);
  if (owners.length === 0 || owners.length < (await countOwnersWhoCanSignIn(db, orgId))) return;
  const names = owners.map((owner) => `${owner.name} (${owner.email})`);
  const named = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  throw new AppError(
    409,
    'last-owner',
    'The last owner who can sign in must stay',
    `Nothing was changed: ${named} ${owners.length === 1 ? 'is the last owner' : 'are the last owners'} who can ` +
      'sign in. Leave one of them out of the selection, or make another user an owner first.',
  );
}

/** The user of this organization, or 404. */
export async function requireUser(db: Db, orgId: string, userId: string): Promise<UserRow> {
  const user = await findUserById(db, orgId, userId);
  if (!user) throw notFound('User');
  return user;
}
