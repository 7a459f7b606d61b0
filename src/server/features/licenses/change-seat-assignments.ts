import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { closeSessionsOfUser } from '../app-sessions/index.ts';
import { type AuditActor, actorUserId, recordAudit } from '../audit-log/index.ts';
import { queueSeatEvents } from '../notifications/index.ts';
import { findLiveLeasesOfUser, releaseLeases } from '../seat-leases/index.ts';
import {
  findSubscription,
  floatingSubscription,
  releaseSeat,
  reserveSeat,
  subscriptionExpired,
} from '../subscriptions/index.ts';
import { findHeldSubscriptionIds, findUserById } from '../users/index.ts';
import {
  endAssignment,
  findActiveAssignment,
  insertAssignment,
  listAssignments,
} from './seat-assignments.repository.ts';

const noFreeSeat = (seats: number) =>
  new AppError(
    409,
    'no-free-seat',
    'No free seat',
    `All ${seats} seats of this subscription are assigned. Free a seat or buy more before assigning this one.`,
  );

/**
 * Gives a user a seat. The seat count is taken by a conditional update inside the
 * transaction, so assigned never exceeds purchased, however many owners click at once.
 * Answers the assignment and whether it is new (a repeated request is harmless).
 */
export async function assignSeat(
  deps: AppDeps,
  orgId: string,
  actor: AuditActor,
  subscriptionId: string,
  userId: string,
) {
  try {
    return await deps.database.db.transaction().execute(async (trx) => {
      const now = deps.now();
      const given = await giveSeat(trx, { orgId, actorId: actorUserId(actor), subscriptionId, userId, now });
      // A repeated request (the user held the seat already) changed nothing to record.
      if (given.created) {
        await recordAudit(
          trx,
          actor,
          {
            orgId,
            action: 'seat.assigned',
            target: { type: 'user', id: userId, label: given.user.email },
            after: { subscriptionId, product: given.product },
          },
          now,
        );
      }
      return { created: given.created, assignment: given.assignment };
    });
  } catch (error) {
    // The same user assigned twice at once: the unique index lets one in; the other sees it held.
    if (isUniqueViolation(error)) {
      return { created: false, assignment: await findAssignmentOf(deps.database.db, orgId, subscriptionId, userId) };
    }
    throw error;
  }
}

/** The seat-giving rules, inside the caller's transaction (assign, and the second half of reassign). */
async function giveSeat(
  trx: Db,
  input: { orgId: string; actorId: string | null; subscriptionId: string; userId: string; now: number },
) {
  const { orgId, subscriptionId, userId, now } = input;
  const subscription = await findSubscription(trx, orgId, subscriptionId);
  if (!subscription) throw notFound('Subscription');
  const user = await findUserById(trx, orgId, userId);
  if (!user) throw notFound('User');
  if (await findActiveAssignment(trx, orgId, subscriptionId, userId)) {
    return {
      created: false,
      assignment: await findAssignmentOf(trx, orgId, subscriptionId, userId),
      user,
      product: subscription.product_key,
    };
  }
  if (user.status !== 'active') {
    throw new AppError(
      409,
      'user-deactivated',
      'User is deactivated',
      'Reactivate the user before giving them a seat.',
    );
  }
  if (subscription.kind === 'floating') throw floatingSubscription();
  if (subscription.expires_at <= now) throw subscriptionExpired();
  if (!(await reserveSeat(trx, orgId, subscriptionId, now))) throw noFreeSeat(subscription.seats);
  await insertAssignment(trx, { orgId, subscriptionId, userId, assignedBy: input.actorId, now });
  await queueSeatEvents(trx, {
    orgId,
    now,
    events: [
      {
        type: 'seat.assigned',
        data: {
          seat: { subscriptionId, product: subscription.product_key, userId, assignedAt: toIso(now) },
          seatsAssigned: subscription.assigned + 1,
          seats: subscription.seats,
        },
      },
    ],
  });
  return {
    created: true,
    assignment: await findAssignmentOf(trx, orgId, subscriptionId, userId),
    user,
    product: subscription.product_key,
  };
}

/**
 * Moves a seat from one holder to another in one transaction (the under-used
 * licenses report's one click): the seat is never lost to a third owner in between.
 */
export async function reassignSeat(
  deps: AppDeps,
  orgId: string,
  actor: AuditActor,
  subscriptionId: string,
  fromUserId: string,
  toUserId: string,
) {
  const actorId = actorUserId(actor);
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const subscription = await findSubscription(trx, orgId, subscriptionId);
    if (!subscription) throw notFound('Subscription');
    if (subscription.kind === 'floating') throw floatingSubscription();
    if (!(await findUserById(trx, orgId, toUserId))) throw notFound('User');
    const from = await findUserById(trx, orgId, fromUserId);
    if (await findActiveAssignment(trx, orgId, subscriptionId, toUserId)) {
      throw new AppError(409, 'already-assigned', 'Already holds a seat', 'That user already holds a seat here.');
    }
    const freed = await freeSeat(trx, {
      orgId,
      subscriptionId,
      userId: fromUserId,
      by: actorId,
      reason: 'reassigned',
      now,
    });
    if (!freed) {
      throw new AppError(
        404,
        'not-assigned',
        'No seat to free',
        'This user does not hold a seat of this subscription.',
      );
    }
    const given = await giveSeat(trx, { orgId, actorId, subscriptionId, userId: toUserId, now });
    await recordAudit(
      trx,
      actor,
      {
        orgId,
        action: 'seat.reassigned',
        target: { type: 'subscription', id: subscriptionId, label: subscription.product_name },
        before: { userId: fromUserId, email: from?.email ?? null },
        after: { userId: toUserId, email: given.user.email },
      },
      now,
    );
    return given.assignment;
  });
}

/** Frees a seat and ends the holder's running app sessions of it. */
export async function unassignSeat(
  deps: AppDeps,
  orgId: string,
  actor: AuditActor,
  subscriptionId: string,
  userId: string,
): Promise<void> {
  await deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const subscription = await findSubscription(trx, orgId, subscriptionId);
    if (!subscription) throw notFound('Subscription');
    const freed = await freeSeat(trx, {
      orgId,
      subscriptionId,
      userId,
      by: actorUserId(actor),
      reason: 'unassigned',
      now,
    });
    if (!freed) {
      throw new AppError(
        404,
        'not-assigned',
        'No seat to free',
        'This user does not hold a seat of this subscription.',
      );
    }
    const user = await findUserById(trx, orgId, userId);
    await recordAudit(
      trx,
      actor,
      {
        orgId,
        action: 'seat.unassigned',
        target: { type: 'user', id: userId, label: user?.email ?? null },
        before: { subscriptionId, product: subscription.product_key },
      },
      now,
    );
  });
}

/** Frees every seat a user holds, inside the caller's transaction (deactivation with "free their seats"). */
export async function releaseSeatsOfUser(
  trx: Db,
  input: { orgId: string; userId: string; by: string | null; reason: string; now: number },
): Promise<number> {
  const held = await findHeldSubscriptionIds(trx, input.orgId, input.userId);
  for (const subscriptionId of held) await freeSeat(trx, { ...input, subscriptionId });
  return held.length;
}

/**
 * Frees one held seat inside the caller's transaction; false when the user held none there. The holder's
 * running app sessions of it end (their online leases with them), the seats they borrowed of it are
 * released too (reason seat_removed: the right to the seat is gone), and `seat.unassigned` goes out.
 */
export async function freeSeat(
  trx: Db,
  input: { orgId: string; subscriptionId: string; userId: string; by: string | null; reason: string; now: number },
): Promise<boolean> {
  const { orgId, subscriptionId, userId, now } = input;
  if (!(await endAssignment(trx, input))) return false;
  await releaseSeat(trx, orgId, subscriptionId, now);
  await closeSessionsOfUser(trx, { orgId, userId, subscriptionId, reason: 'seat_removed', now });
  const borrowed = await findLiveLeasesOfUser(trx, orgId, subscriptionId, userId);
  await releaseLeases(trx, borrowed, { reason: 'seat_removed', by: input.by, note: null, now });
  const subscription = await findSubscription(trx, orgId, subscriptionId);
  await queueSeatEvents(trx, {
    orgId,
    now,
    events: [
      {
        type: 'seat.unassigned',
        data: {
          seat: {
            subscriptionId,
            product: subscription?.product_key ?? null,
            userId,
            unassignedAt: toIso(now),
            reason: input.reason,
          },
          seatsAssigned: subscription?.assigned ?? null,
          seats: subscription?.seats ?? null,
        },
      },
    ],
  });
  return true;
}

async function findAssignmentOf(db: Db, orgId: string, subscriptionId: string, userId: string) {
  const assignment = (await listAssignments(db, orgId, subscriptionId)).find((item) => item.user.id === userId);
  if (!assignment) throw notFound('Assignment');
  return assignment;
}
