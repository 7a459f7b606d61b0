import type { AppDeps } from '../../app-deps.ts';
import { notFound } from '../../lib/app-error.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { findUserById } from '../users/index.ts';
import {
  deletePasskeyRegistration,
  deletePasskeys,
  deleteRecoveryCodes,
  deleteTotpFactor,
  type UserRef,
} from './mfa.repository.ts';

/**
 * An owner's reset of a user's two-step verification (a lost phone): the authenticator app,
 * passkeys and recovery codes go; the user enrols again (at their next sign-in when the
 * organization requires it). Answers what was removed, for the route's log line.
 */
export async function resetSecondFactors(deps: AppDeps, orgId: string, userId: string, actor: AuditActor) {
  return deps.database.db.transaction().execute(async (trx) => {
    const target = await findUserById(trx, orgId, userId);
    if (!target) throw notFound('User');
    const user: UserRef = { orgId, userId };
    const totp = (await deleteTotpFactor(trx, user)) > 0;
    await deletePasskeys(trx, user);
    await deleteRecoveryCodes(trx, user);
    await deletePasskeyRegistration(trx, user);
    await recordAudit(
      trx,
      actor,
      {
        orgId,
        action: 'user.second_factors_reset',
        target: { type: 'user', id: userId, label: target.email },
        before: { authenticatorApp: totp },
        after: { authenticatorApp: false, passkeys: 'removed', recoveryCodes: 'removed' },
      },
      deps.now(),
    );
    return { email: target.email, totp };
  });
}
