import type { Reclaim } from '../../../contract/seat-reclaim.ts';
import type { Db } from '../../db/database.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { type AuditActor, actorUserId, recordAudit } from '../audit-log/index.ts';
import { insertAssignment } from '../licenses/index.ts';
import { queueSeatEvents } from '../notifications/index.ts';
import { reserveSeat, subscriptionExpired } from '../subscriptions/index.ts';
import { toReclaim } from './list-reclaims.ts';
import { UNDO_MS } from './reclaim-rules.ts';
import { findReclaim, findReclaimPolicy, holdsSeat, markReclaimUndone } from './seat-reclaim.repository.ts';

const conflict = (code: string, title: string, detail: string) => new AppError(409, code, title, detail);

/**
 * Gives a reclaimed seat back to the same user, within 14 days of the reclaim: a new assignment (the
 * policy's clock starts over from it), the count up by the same conditional update as any assignment,
 * the reclaim marked undone (once, however many owners click), `seat.assigned` to vendors and
 * `seat.reclaim_undone` in the audit log — one transaction.
 */
export async function undoReclaim(
  db: Db,
  input: { orgId: string; actor: AuditActor; subscriptionId: string; assignmentId: number; now: () => number },
): Promise<Reclaim> {
  const { orgId, subscriptionId } = input;
  return db.transaction().execute(async (trx) => {
    const now = input.now();
    const policy = await findReclaimPolicy(trx, orgId, subscriptionId);
    if (!policy) throw notFound('Subscription');
    const reclaim = await findReclaim(trx, orgId, subscriptionId, input.assignmentId);
    if (!reclaim) throw notFound('Reclaim');
    if (reclaim.undone) {
      throw conflict('reclaim-undone', 'Already undone', 'This seat was given back already.');
    }
    if (now >= reclaim.reclaimedAt + UNDO_MS) {
      throw conflict(
        'undo-expired',
        'Too late to undo',
        `A reclaim can be undone until ${toIso(reclaim.reclaimedAt + UNDO_MS)}. Assign the seat again instead.`,
      );
    }
    if (reclaim.userStatus !== 'active') {
      throw conflict('user-deactivated', 'User is deactivated', 'Reactivate the user before giving them a seat.');
    }
    if (Number(policy.expires_at) <= now) throw subscriptionExpired();
    if (await holdsSeat(trx, orgId, subscriptionId, reclaim.userId)) {
      throw conflict('already-assigned', 'Already holds a seat', 'That user holds a seat of this subscription again.');
    }
    if (!(await markReclaimUndone(trx, orgId, reclaim.id))) {
      throw conflict('reclaim-undone', 'Already undone', 'This seat was given back already.');
    }
    if (!(await reserveSeat(trx, orgId, subscriptionId, now))) {
      throw conflict(
        'no-free-seat',
        'No free seat',
        'The seat was given to someone else meanwhile and none is free. Free a seat or buy more, then undo again.',
      );
    }
    await insertAssignment(trx, {
      orgId,
      subscriptionId,
      userId: reclaim.userId,
      assignedBy: actorUserId(input.actor),
      now,
    });
    // The same message as any assignment's (licenses' giveSeat), so a vendor's back end needs no new case.
    await queueSeatEvents(trx, {
      orgId,
      now,
      events: [
        {
          type: 'seat.assigned',
          data: {
            seat: { subscriptionId, product: policy.product_key, userId: reclaim.userId, assignedAt: toIso(now) },
            seatsAssigned: Number(policy.assigned) + 1,
            seats: Number(policy.seats),
          },
        },
      ],
    });
    await recordAudit(
      trx,
      input.actor,
      {
        orgId,
        action: 'seat.reclaim_undone',
        target: { type: 'user', id: reclaim.userId, label: reclaim.email },
        after: {
          subscriptionId,
          product: policy.product_name,
          assignmentId: String(reclaim.id),
          reclaimedAt: toIso(reclaim.reclaimedAt),
        },
      },
      now,
    );
    return toReclaim({ ...reclaim, undone: true }, now);
  });
}
