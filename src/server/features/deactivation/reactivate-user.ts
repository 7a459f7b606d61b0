import type { AppDeps } from '../../app-deps.ts';
import { requireUser, toUser, updateUser } from '../users/index.ts';

export async function reactivateUser(deps: AppDeps, orgId: string, userId: string) {
  const { user, reactivated } = await deps.database.db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, orgId, userId);
    if (user.status === 'active') return { user, reactivated: false };
    const changes = {
      status: 'active' as const,
      deactivated_at: null,
      deactivation_reason: null,
      deactivation_note: null,
      updated_at: deps.now(),
    };
    await updateUser(trx, orgId, userId, changes);
    return { user: { ...user, ...changes }, reactivated: true };
  });
  // The user starts clean: failures counted while deactivated (strangers' guesses) must
  // not answer 429 to their first sign-in. After the commit: a rolled-back reactivation
  // leaves the count alone.
  if (reactivated) await deps.throttle.forgetAccount(user.email_normalized);
  return toUser(user);
}
