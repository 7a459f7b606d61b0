import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Role, UserRow } from '../../db/schema.ts';
import type { AppDeps } from '../../http/app-deps.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { toIso } from '../../lib/time.ts';
import { closeSessionsOfUser } from '../app-sessions/close-sessions.ts';
import { deleteSessionsOfUser } from '../auth/sessions.repository.ts';
import { lockOrganization } from '../organizations/organizations.repository.ts';
import { releaseSeatsOfUser } from '../subscriptions/assignments.service.ts';
import { insertInvitation, revokeInvitations } from './invitations.repository.ts';
import {
  countActiveOwners,
  findUserByEmail,
  findUserById,
  insertUser,
  newUserRow,
  toUser,
  updateUser,
} from './users.repository.ts';
import type { DeactivationReason } from './users.schemas.ts';

const emailTaken = () =>
  new AppError(409, 'email-taken', 'Email already in use', 'An account with this email already exists.');

const lastOwner = () =>
  new AppError(
    409,
    'last-owner',
    'The last active owner must stay',
    'Make another user an owner first: an organization always keeps one active owner.',
  );

export function invitationUrl(deps: AppDeps, token: string): string {
  return new URL(`/invite/${token}`, deps.config.publicUrl).toString();
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
      return { user: toUser(row), invitation: describeInvitation(deps, invitation) };
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
    return describeInvitation(deps, invitation);
  });
}

export async function changeUser(
  deps: AppDeps,
  orgId: string,
  userId: string,
  patch: { name?: string | undefined; role?: Role | undefined },
) {
  return deps.database.db.transaction().execute(async (trx) => {
    await lockOrganization(trx, orgId);
    const user = await requireUser(trx, orgId, userId);
    if (patch.role === 'member' && user.role === 'owner' && user.status === 'active') {
      if ((await countActiveOwners(trx, orgId)) <= 1) throw lastOwner();
    }
    const now = deps.now();
    const changes = { name: patch.name?.trim() ?? user.name, role: patch.role ?? user.role, updated_at: now };
    await updateUser(trx, orgId, userId, changes);
    return toUser({ ...user, ...changes });
  });
}

/** Deactivates a user and ends their console and app sessions at once (optionally frees their seats), in one transaction. */
export async function deactivateUser(
  deps: AppDeps,
  orgId: string,
  userId: string,
  actorId: string | null,
  input: { reason: DeactivationReason; note?: string | undefined; releaseSeats?: boolean | undefined },
) {
  const note = input.note?.trim() || null;
  if (input.reason === 'other' && !note) {
    throw new AppError(400, 'note-required', 'A note is required', 'Say why in the note when the reason is "other".', {
      errors: [{ path: 'body/note', message: 'is required when reason is other' }],
    });
  }
  return deps.database.db.transaction().execute(async (trx) => {
    await lockOrganization(trx, orgId);
    const user = await requireUser(trx, orgId, userId);
    if (user.status === 'deactivated') return toUser(user);
    if (user.role === 'owner' && (await countActiveOwners(trx, orgId)) <= 1) throw lastOwner();
    const now = deps.now();
    const changes = {
      status: 'deactivated' as const,
      deactivated_at: now,
      deactivation_reason: input.reason,
      deactivation_note: note,
      updated_at: now,
    };
    await updateUser(trx, orgId, userId, changes);
    await deleteSessionsOfUser(trx, orgId, userId);
    await closeSessionsOfUser(trx, { orgId, userId, reason: 'deactivated', now });
    await revokeInvitations(trx, orgId, userId);
    if (input.releaseSeats) {
      await releaseSeatsOfUser(trx, { orgId, userId, by: actorId, reason: `deactivated: ${input.reason}`, now });
    }
    return toUser({ ...user, ...changes });
  });
}

export async function reactivateUser(deps: AppDeps, orgId: string, userId: string) {
  return deps.database.db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, orgId, userId);
    if (user.status === 'active') return toUser(user);
    const changes = {
      status: 'active' as const,
      deactivated_at: null,
      deactivation_reason: null,
      deactivation_note: null,
      updated_at: deps.now(),
    };
    await updateUser(trx, orgId, userId, changes);
    return toUser({ ...user, ...changes });
  });
}

async function requireUser(db: Db, orgId: string, userId: string): Promise<UserRow> {
  const user = await findUserById(db, orgId, userId);
  if (!user) throw notFound('User');
  return user;
}

function describeInvitation(deps: AppDeps, invitation: { token: string; expiresAt: number }) {
  return {
    token: invitation.token,
    url: invitationUrl(deps, invitation.token),
    expiresAt: toIso(invitation.expiresAt),
  };
}
