import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Role } from '../../db/schema.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { lockOrganization } from '../organizations/organizations.repository.ts';
import { insertInvitation, PASSWORD_RESET_TTL_MS } from './invitations.repository.ts';
import { assertOwnerRemains, requireUser } from './user-guards.ts';
import { findUserByEmail, insertUser, newUserRow, toUser, updateUser } from './users.repository.ts';

const emailTaken = () =>
  new AppError(409, 'email-taken', 'Email already in use', 'An account with this email already exists.');

const noUserWithEmail = (email: string) =>
  new AppError(404, 'not-found', 'User not found', `No user has the email ${email.trim()}.`);

export function invitationUrl(publicUrl: URL, token: string): string {
  return new URL(`/invite/${token}`, publicUrl).toString();
}

/** Adds a user (no password yet) and the one-time invitation that lets them set one. */
export async function createUser(
  deps: AppDeps,
  orgId: string,
  actorId: string | null,
  input: { email: string; name: string; role?: Role | undefined },
) {
  const db = deps.database.db;
  const email = input.email.trim();
  if (await findUserByEmail(db, email)) throw emailTaken();
  try {
    return await db.transaction().execute(async (trx) => {
      const now = deps.now();
      const row = newUserRow({ orgId, email, name: input.name, role: input.role ?? 'member', passwordHash: null, now });
      await insertUser(trx, row);
      const invitation = await insertInvitation(trx, { orgId, userId: row.id, createdBy: actorId, now });
      return { user: toUser(row), invitation: describeInvitation(deps.config.publicUrl, invitation) };
    });
  } catch (error) {
    // Two owners adding the same email at once: the unique index decides, the loser gets the same 409.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

export async function reissueInvitation(deps: AppDeps, orgId: string, actorId: string, userId: string) {
  return deps.database.db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, orgId, userId);
    if (user.status !== 'active' || user.password_hash !== null) {
      throw new AppError(409, 'invitation-not-needed', 'No invitation needed', 'This user has already set a password.');
    }
    const invitation = await insertInvitation(trx, { orgId, userId, createdBy: actorId, now: deps.now() });
    return describeInvitation(deps.config.publicUrl, invitation);
  });
}

/**
 * The operator's recovery (CLI): a one-time link for the user with this email, whatever their
 * organization, to set a password: their first (a pending invitation, replaced) or a new one
 * (valid for a day; using it ends their other console sessions). Earlier unused links stop working.
 */
export async function issuePasswordLink(db: Db, publicUrl: URL, email: string, now: number) {
  return db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) throw noUserWithEmail(email);
    if (user.status !== 'active') {
      throw new AppError(
        409,
        'user-deactivated',
        'User deactivated',
        `${user.email} is deactivated: an owner must reactivate them first.`,
      );
    }
    const reset = user.password_hash !== null;
    const invitation = await insertInvitation(trx, {
      orgId: user.org_id,
      userId: user.id,
      createdBy: null,
      now,
      ...(reset ? { ttlMs: PASSWORD_RESET_TTL_MS } : {}),
    });
    return { orgId: user.org_id, user: toUser(user), reset, invitation: describeInvitation(publicUrl, invitation) };
  });
}

export async function changeUser(
  deps: AppDeps,
  orgId: string,
  userId: string,
  patch: { name?: string | undefined; role?: Role | undefined },
) {
  return deps.database.db.transaction().execute((trx) => applyUserChange(trx, orgId, userId, patch, deps.now()));
}

/** The operator's recovery (CLI): the role of the user with this email, under the same last-owner rule. */
export async function changeRoleByEmail(db: Db, email: string, role: Role, now: number) {
  return db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) throw noUserWithEmail(email);
    const changed = await applyUserChange(trx, user.org_id, user.id, { role }, now);
    return { orgId: user.org_id, user: changed, canSignIn: user.status === 'active' && user.password_hash !== null };
  });
}

async function applyUserChange(
  trx: Db,
  orgId: string,
  userId: string,
  patch: { name?: string | undefined; role?: Role | undefined },
  now: number,
) {
  await lockOrganization(trx, orgId);
  const user = await requireUser(trx, orgId, userId);
  if (patch.role === 'member') await assertOwnerRemains(trx, orgId, user);
  const changes = { name: patch.name?.trim() ?? user.name, role: patch.role ?? user.role, updated_at: now };
  await updateUser(trx, orgId, userId, changes);
  return toUser({ ...user, ...changes });
}

function describeInvitation(publicUrl: URL, invitation: { token: string; expiresAt: number }) {
  return {
    token: invitation.token,
    url: invitationUrl(publicUrl, invitation.token),
    expiresAt: toIso(invitation.expiresAt),
  };
}
