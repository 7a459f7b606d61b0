import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { AppError } from '../../lib/app-error.ts';
import {
  applyUserChange,
  describeInvitation,
  findUserByEmail,
  insertInvitation,
  PASSWORD_RESET_TTL_MS,
  toUser,
} from '../users/index.ts';

const noUserWithEmail = (email: string) =>
  new AppError(404, 'not-found', 'User not found', `No user has the email ${email.trim()}.`);

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

/** The operator's recovery (CLI): the role of the user with this email, under the same last-owner rule. */
export async function changeRoleByEmail(db: Db, email: string, role: Role, now: number) {
  return db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) throw noUserWithEmail(email);
    const changed = await applyUserChange(trx, user.org_id, user.id, { role }, now);
    return { orgId: user.org_id, user: changed, canSignIn: user.status === 'active' && user.password_hash !== null };
  });
}
