import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Role } from '../../db/schema.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { type AuditActor, actorUserId, recordAudit } from '../audit-log/index.ts';
import { insertInvitation } from './invitations.repository.ts';
import { requireUser } from './user-guards.ts';
import { findUserByEmail, insertUser, newUserRow, toUser } from './users.repository.ts';

export const emailTaken = () =>
  new AppError(409, 'email-taken', 'Email already in use', 'An account with this email already exists.');

export function invitationUrl(publicUrl: URL, token: string): string {
  return new URL(`/invite/${token}`, publicUrl).toString();
}

/** Adds a user (no password yet) and the one-time invitation that lets them set one. */
export async function createUser(
  deps: AppDeps,
  orgId: string,
  actor: AuditActor,
  input: { email: string; name: string; role?: Role | undefined },
) {
  const db = deps.database.db;
  const email = input.email.trim();
  if (await findUserByEmail(db, email)) throw emailTaken();
  try {
    return await db.transaction().execute(async (trx) => {
      const { user, invitation } = await insertNewUser(trx, deps, orgId, actorUserId(actor), { ...input, email });
      await recordUserCreated(trx, actor, orgId, user, null, deps.now());
      return { user, invitation };
    });
  } catch (error) {
    // Two owners adding the same email at once: the unique index decides, the loser gets the same 409.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/** `user.created`, with the seat given at once when there is one (adding a user with a seat is one action). */
export async function recordUserCreated(
  trx: Db,
  actor: AuditActor,
  orgId: string,
  user: { id: string; email: string; name: string; role: Role },
  subscriptionId: string | null,
  now: number,
) {
  await recordAudit(
    trx,
    actor,
    {
      orgId,
      action: 'user.created',
      target: { type: 'user', id: user.id, label: user.email },
      after: { email: user.email, name: user.name, role: user.role, ...(subscriptionId ? { subscriptionId } : {}) },
    },
    now,
  );
}

/**
 * The new user's row and invitation, inside the caller's transaction (here, and adding a user with a
 * seat). The caller checks the email first and maps a unique violation to emailTaken.
 */
export async function insertNewUser(
  trx: Db,
  deps: AppDeps,
  orgId: string,
  actorId: string | null,
  input: { email: string; name: string; role?: Role | undefined },
) {
  const now = deps.now();
  const row = newUserRow({
    orgId,
    email: input.email,
    name: input.name,
    role: input.role ?? 'member',
    passwordHash: null,
    now,
  });
  await insertUser(trx, row);
  const invitation = await insertInvitation(trx, { orgId, userId: row.id, createdBy: actorId, now });
  return { row, user: toUser(row), invitation: describeInvitation(deps.config.publicUrl, invitation) };
}

export async function reissueInvitation(deps: AppDeps, orgId: string, actor: AuditActor, userId: string) {
  return deps.database.db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, orgId, userId);
    if (user.status !== 'active' || user.password_hash !== null) {
      throw new AppError(409, 'invitation-not-needed', 'No invitation needed', 'This user has already set a password.');
    }
    const now = deps.now();
    const invitation = await insertInvitation(trx, { orgId, userId, createdBy: actorUserId(actor), now });
    await recordAudit(
      trx,
      actor,
      {
        orgId,
        action: 'user.invitation_reissued',
        target: { type: 'user', id: userId, label: user.email },
        after: { expiresAt: toIso(invitation.expiresAt) },
      },
      now,
    );
    return describeInvitation(deps.config.publicUrl, invitation);
  });
}

/** The link, token and expiry of an invitation, as the API and the CLI give them. */
export function describeInvitation(publicUrl: URL, invitation: { token: string; expiresAt: number }) {
  return {
    token: invitation.token,
    url: invitationUrl(publicUrl, invitation.token),
    expiresAt: toIso(invitation.expiresAt),
  };
}
