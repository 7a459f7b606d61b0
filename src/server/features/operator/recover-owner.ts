import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { issuePasswordReset } from '../password-reset/index.ts';
import { applyUserChange, describeInvitation, findUserByEmail, insertInvitation, toUser } from '../users/index.ts';
import { OPERATOR_CLI } from './operator-actor.ts';

const noUserWithEmail = (email: string) =>
  new AppError(404, 'not-found', 'User not found', `No user has the email ${email.trim()}.`);

/**
 * The operator's recovery (CLI): a one-time link for the user with this email, whatever their
 * organization, to set a password. A user who never set one gets their invitation again (the
 * pending one replaced, 7 days); a user who has one gets a password-reset link (issued_by 'cli',
 * valid a day, since a person hands it over): using it sets a new password and ends every session
 * of the user, who then signs in. Earlier unused links of the same kind stop working.
 */
export async function issuePasswordLink(
  db: Db,
  publicUrl: URL,
  email: string,
  now: number,
  actor: AuditActor = OPERATOR_CLI,
) {
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
    // The link itself is a secret: the log says which kind was issued, never the link.
    const recovered = (link: 'password-reset' | 'invitation', expiresAt: number) =>
      recordAudit(
        trx,
        actor,
        {
          orgId: user.org_id,
          action: 'owner.recovered',
          target: { type: 'user', id: user.id, label: user.email },
          after: { link, expiresAt: toIso(expiresAt) },
        },
        now,
      );
    if (user.password_hash !== null) {
      const link = await issuePasswordReset(trx, { user, issuedBy: 'cli', publicUrl, now });
      await recovered('password-reset', link.expiresAt);
      return {
        orgId: user.org_id,
        user: toUser(user),
        reset: true,
        link: { url: link.url, expiresAt: toIso(link.expiresAt) },
      };
    }
    const inserted = await insertInvitation(trx, { orgId: user.org_id, userId: user.id, createdBy: null, now });
    await recovered('invitation', inserted.expiresAt);
    const invitation = describeInvitation(publicUrl, inserted);
    return {
      orgId: user.org_id,
      user: toUser(user),
      reset: false,
      link: { url: invitation.url, expiresAt: invitation.expiresAt },
    };
  });
}

/** The operator's recovery (CLI): the role of the user with this email, under the same last-owner rule. */
export async function changeRoleByEmail(
  db: Db,
  email: string,
  role: Role,
  now: number,
  actor: AuditActor = OPERATOR_CLI,
) {
  return db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) throw noUserWithEmail(email);
    const changed = await applyUserChange(trx, user.org_id, user.id, { role }, actor, now);
    return { orgId: user.org_id, user: changed, canSignIn: user.status === 'active' && user.password_hash !== null };
  });
}
