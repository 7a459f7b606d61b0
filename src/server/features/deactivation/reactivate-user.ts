import type { HeldSeat, ReactivatedUser, SeatNotRestoredReason } from '../../../contract/users.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../lib/app-error.ts';
import { type AuditActor, actorUserId, recordAudit } from '../audit-log/index.ts';
import { insertAssignment } from '../licenses/index.ts';
import { reserveSeat } from '../subscriptions/index.ts';
import { findHeldSubscriptionIds, normalizeEmail, requireUser, toUser, updateUser } from '../users/index.ts';
import { deleteReleasedSeats, findReleasedSeats } from './released-seats.repository.ts';

/**
 * Reactivates a user. With restoreSeats, the seats their deactivation freed come back, each on its
 * own: one whose subscription has no free seat or has ended is reported and the others are still
 * given. Either way the user's released seats are forgotten: the offer is made once.
 */
export async function reactivateUser(
  deps: AppDeps,
  orgId: string,
  userId: string,
  actor: AuditActor,
  options: { restoreSeats?: boolean | undefined } = {},
): Promise<ReactivatedUser> {
  const { result, reactivated } = await deps.database.db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, orgId, userId);
    if (user.erased_at !== null) {
      // The account's email, name and password are gone: bringing it back would make a person of nobody.
      throw new AppError(
        409,
        'user-erased',
        'User was erased',
        'This user’s personal data was erased; add them again as a new user instead.',
      );
    }
    if (user.status === 'active') {
      return { result: { ...toUser(user), restoredSeats: [], seatsNotRestored: [] }, reactivated: false };
    }
    const now = deps.now();
    const changes = {
      status: 'active' as const,
      deactivated_at: null,
      deactivation_reason: null,
      deactivation_note: null,
      updated_at: now,
    };
    await updateUser(trx, orgId, userId, changes);
    const seats = options.restoreSeats
      ? await restoreReleasedSeats(trx, { orgId, userId, actorId: actorUserId(actor), now })
      : { restoredSeats: [], seatsNotRestored: [] };
    await deleteReleasedSeats(trx, orgId, userId);
    await recordAudit(
      trx,
      actor,
      {
        orgId,
        action: 'user.reactivated',
        target: { type: 'user', id: userId, label: user.email },
        before: { status: user.status, reason: user.deactivation_reason, note: user.deactivation_note },
        after: {
          status: 'active',
          reason: null,
          note: null,
          ...(options.restoreSeats ? { seatsRestored: seats.restoredSeats.map((seat) => seat.subscriptionId) } : {}),
        },
      },
      now,
    );
    return { result: { ...toUser({ ...user, ...changes }), ...seats }, reactivated: true };
  });
  // The user starts clean: failures counted while deactivated (strangers' guesses) must
  // not answer 429 to their first sign-in. After the commit: a rolled-back reactivation
  // leaves the count alone.
  if (reactivated) await deps.throttle.forgetAccount(normalizeEmail(result.email));
  return result;
}

/** Gives back each released seat that can come back, inside the reactivation's transaction. */
async function restoreReleasedSeats(
  trx: Db,
  input: { orgId: string; userId: string; actorId: string | null; now: number },
) {
  const { orgId, userId, now } = input;
  const restoredSeats: HeldSeat[] = [];
  const seatsNotRestored: (Omit<HeldSeat, 'expired'> & { reason: SeatNotRestoredReason })[] = [];
  const held = new Set(await findHeldSubscriptionIds(trx, orgId, userId));
  for (const released of await findReleasedSeats(trx, orgId, userId)) {
    const seat = { subscriptionId: released.subscription_id, product: { key: released.key, name: released.name } };
    if (released.expires_at <= now) {
      seatsNotRestored.push({ ...seat, reason: 'subscription-expired' });
    } else if (held.has(seat.subscriptionId)) {
      // Never freed since, or given again: they hold it, which is what was asked.
      restoredSeats.push({ ...seat, expired: false });
    } else if (await reserveSeat(trx, orgId, seat.subscriptionId, now)) {
      // The conditional update took a free seat; a subscription filled meanwhile answers false instead.
      await insertAssignment(trx, {
        orgId,
        subscriptionId: seat.subscriptionId,
        userId,
        assignedBy: input.actorId,
        now,
      });
      restoredSeats.push({ ...seat, expired: false });
    } else {
      seatsNotRestored.push({ ...seat, reason: 'no-free-seat' });
    }
  }
  return { restoredSeats, seatsNotRestored };
}
