import type { AppDeps } from '../../app-deps.ts';
import { notFound } from '../../lib/app-error.ts';
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
export async function resetSecondFactors(deps: AppDeps, orgId: string, userId: string) {
  return deps.database.db.transaction().execute(async (trx) => {
    const target = await findUserById(trx, orgId, userId);
    if (!target) throw notFound('User');
    const user: UserRef = { orgId, userId };
    const totp = (await deleteTotpFactor(trx, user)) > 0;
    await deletePasskeys(trx, user);
    await deleteRecoveryCodes(trx, user);
    await deletePasskeyRegistration(trx, user);
    return { email: target.email, totp };
  });
}
