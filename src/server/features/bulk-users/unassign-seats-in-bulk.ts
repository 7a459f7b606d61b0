import type { BulkUnassignSeatResult } from '../../../contract/bulk-users.ts';
import type { AppDeps } from '../../app-deps.ts';
import { notFound } from '../../lib/app-error.ts';
import { type AuditActor, actorUserId, recordAudit } from '../audit-log/index.ts';
import { freeSeat } from '../licenses/index.ts';
import { findSubscription } from '../subscriptions/index.ts';
import { requireUsers } from './require-users.ts';

/** Frees the seat of one subscription that each named user holds (their app sessions of it end); others are reported. */
export async function unassignSeatsInBulk(
  deps: AppDeps,
  orgId: string,
  actor: AuditActor,
  input: { subscriptionId: string; userIds: readonly string[] },
): Promise<BulkUnassignSeatResult> {
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const users = await requireUsers(trx, orgId, input.userIds);
    const subscription = await findSubscription(trx, orgId, input.subscriptionId);
    if (!subscription) throw notFound('Subscription');
    const unassigned: string[] = [];
    const notHeld: string[] = [];
    for (const user of users) {
      const freed = await freeSeat(trx, {
        orgId,
        subscriptionId: input.subscriptionId,
        userId: user.id,
        by: actorUserId(actor),
        reason: 'unassigned',
        now,
      });
      (freed ? unassigned : notHeld).push(user.id);
      if (!freed) continue;
      // One audit row per seat freed (docs/audit-log.md); a user who held none changed nothing.
      await recordAudit(
        trx,
        actor,
        {
          orgId,
          action: 'seat.unassigned',
          target: { type: 'user', id: user.id, label: user.email },
          before: { subscriptionId: input.subscriptionId, product: subscription.product_key },
        },
        now,
      );
    }
    return {
      subscriptionId: input.subscriptionId,
      product: { key: subscription.product_key, name: subscription.product_name },
      unassigned,
      notHeld,
      seatsAvailable: subscription.seats - subscription.assigned + unassigned.length,
    };
  });
}
