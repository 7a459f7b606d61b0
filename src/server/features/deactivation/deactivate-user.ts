import type { DeactivationReason } from '../../../contract/users.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError } from '../../lib/app-error.ts';
import { revokeApiTokensOf } from '../api-tokens/index.ts';
import { closeSessionsOfUser } from '../app-sessions/index.ts';
import { type AuditActor, actorUserId, recordAudit } from '../audit-log/index.ts';
import { deleteSessionsOfUser } from '../auth/index.ts';
import { freeSeat } from '../licenses/index.ts';
import { lockOrganization } from '../organizations/index.ts';
import { findLiveLeasesOfUser, releaseLeases } from '../seat-leases/index.ts';
import { listSubscriptions } from '../subscriptions/index.ts';
import {
  assertOwnerRemains,
  findHeldSubscriptionIds,
  requireUser,
  revokeInvitations,
  toUser,
  updateUser,
} from '../users/index.ts';
import { insertReleasedSeat } from './released-seats.repository.ts';

export interface Deactivation {
  reason: DeactivationReason;
  note?: string | undefined;
  releaseSeats?: boolean | undefined;
}

/** The note, trimmed; refused when the reason is "other" and it is missing or blank. */
export function deactivationNote(input: Deactivation): string | null {
  const note = input.note?.trim() || null;
  if (input.reason === 'other' && !note) {
    throw new AppError(400, 'note-required', 'A note is required', 'Say why in the note when the reason is "other".', {
      errors: [{ path: 'body/note', message: 'is required when reason is other' }],
    });
  }
  return note;
}

/** Deactivates a user and ends their console and app sessions at once (optionally frees their seats), in one transaction. */
export async function deactivateUser(
  deps: AppDeps,
  orgId: string,
  userId: string,
  actor: AuditActor,
  input: Deactivation,
) {
  const note = deactivationNote(input);
  return deps.database.db.transaction().execute(async (trx) => {
    await lockOrganization(trx, orgId);
    const user = await requireUser(trx, orgId, userId);
    if (user.status === 'deactivated') return toUser(user);
    await assertOwnerRemains(trx, orgId, user);
    const { row } = await applyDeactivation(trx, { orgId, user, actor, input, note, now: deps.now() });
    return toUser(row);
  });
}

/**
 * The deactivation of one active user inside the caller's transaction, after the caller has locked the
 * organization and checked the last-owner rule (for one user, or for a whole batch): the user's row,
 * their sessions and app sessions, pending invitations, and with releaseSeats each seat freed and
 * remembered so that reactivation can offer it back; and its audit row (one per user, also in a
 * batch), naming the seats freed. Answers the new row and the seats freed.
 */
export async function applyDeactivation(
  trx: Db,
  input: {
    orgId: string;
    user: UserRow;
    actor: AuditActor;
    input: Deactivation;
    note: string | null;
    now: number;
  },
): Promise<{ row: UserRow; seatsReleased: number }> {
  const { orgId, user, now } = input;
  const changes = {
    status: 'deactivated' as const,
    deactivated_at: now,
    deactivation_reason: input.input.reason,
    deactivation_note: input.note,
    updated_at: now,
  };
  await updateUser(trx, orgId, user.id, changes);
  await deleteSessionsOfUser(trx, orgId, user.id);
  await closeSessionsOfUser(trx, { orgId, userId: user.id, reason: 'deactivated', now });
  await releaseBorrowedSeats(trx, { orgId, userId: user.id, by: actorUserId(input.actor), now });
  await revokeInvitations(trx, orgId, user.id);
  // Like their sessions, the API tokens they made end for good: a reactivation must not revive a
  // token that may have leaked with the account.
  const tokensRevoked = await revokeApiTokensOf(trx, orgId, user.id, { now, revokedBy: actorUserId(input.actor) });
  const released: string[] = [];
  if (input.input.releaseSeats) {
    for (const subscriptionId of await findHeldSubscriptionIds(trx, orgId, user.id)) {
      const reason = `deactivated: ${input.input.reason}`;
      const by = actorUserId(input.actor);
      if (!(await freeSeat(trx, { orgId, subscriptionId, userId: user.id, by, reason, now }))) continue;
      await insertReleasedSeat(trx, { orgId, userId: user.id, subscriptionId, now });
      released.push(subscriptionId);
    }
  }
  await recordAudit(
    trx,
    input.actor,
    {
      orgId,
      action: 'user.deactivated',
      target: { type: 'user', id: user.id, label: user.email },
      before: { status: user.status },
      after: {
        status: 'deactivated',
        reason: input.input.reason,
        note: input.note,
        seatsReleased: released,
        ...(tokensRevoked > 0 && { apiTokensRevoked: tokensRevoked }),
      },
    },
    now,
  );
  return { row: { ...user, ...changes }, seatsReleased: released.length };
}

/**
 * A deactivated user may not keep a seat offline: the leases their closed sessions left out (borrowed
 * ones) are released, reason deactivated, wherever they are (named seats and floating pools alike).
 */
async function releaseBorrowedSeats(trx: Db, input: { orgId: string; userId: string; by: string | null; now: number }) {
  const { orgId, userId, now } = input;
  for (const subscription of await listSubscriptions(trx, orgId)) {
    const leases = await findLiveLeasesOfUser(trx, orgId, subscription.id, userId);
    await releaseLeases(trx, leases, { reason: 'deactivated', by: input.by, note: null, now });
  }
}
