import type { DeactivationReason } from '../../../contract/users.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import { closeSessionsOfUser } from '../app-sessions/index.ts';
import { deleteSessionsOfUser } from '../auth/index.ts';
import { releaseSeatsOfUser } from '../licenses/index.ts';
import { lockOrganization } from '../organizations/index.ts';
import { assertOwnerRemains, requireUser, revokeInvitations, toUser, updateUser } from '../users/index.ts';

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
    await assertOwnerRemains(trx, orgId, user);
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
