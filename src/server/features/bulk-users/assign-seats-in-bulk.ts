import type { BulkAssignSeatResult } from '../../../contract/bulk-users.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { type AuditActor, actorUserId, recordAudit } from '../audit-log/index.ts';
import { insertAssignment } from '../licenses/index.ts';
import {
  findSubscription,
  floatingSubscription,
  reserveSeat,
  subscriptionExpired,
  updateSubscription,
} from '../subscriptions/index.ts';
import { findHoldersAmong } from '../users/index.ts';
import { nameList, requireUsers } from './require-users.ts';

/**
 * Gives every named user a seat of one subscription, all or nothing: users who hold one already are
 * skipped (and reported); when fewer seats are free than the others need, or one of them is
 * deactivated, nothing is assigned (409). One transaction, whatever single assignments run alongside.
 */
export async function assignSeatsInBulk(
  deps: AppDeps,
  orgId: string,
  actor: AuditActor,
  input: { subscriptionId: string; userIds: readonly string[] },
): Promise<BulkAssignSeatResult> {
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const users = await requireUsers(trx, orgId, input.userIds);
    if (!(await findSubscription(trx, orgId, input.subscriptionId))) throw notFound('Subscription');
    // A write to the subscription's row first: on PostgreSQL it holds the row until commit, so the free seats
    // read next stay free, and a single assignment's seat count waits for this batch (SQLite runs one writer).
    await updateSubscription(trx, orgId, input.subscriptionId, { updated_at: now });
    const subscription = await findSubscription(trx, orgId, input.subscriptionId);
    if (!subscription) throw notFound('Subscription');
    if (subscription.kind === 'floating') throw floatingSubscription();
    if (subscription.expires_at <= now) throw subscriptionExpired();
    const product = { key: subscription.product_key, name: subscription.product_name };

    const holders = await findHoldersAmong(trx, orgId, input.subscriptionId, input.userIds);
    const needing = users.filter((user) => !holders.has(user.id));
    const deactivated = needing.filter((user) => user.status !== 'active');
    if (deactivated.length > 0) {
      throw new AppError(
        409,
        'user-deactivated',
        'User is deactivated',
        `Nothing was assigned: ${nameList(deactivated)} ${deactivated.length === 1 ? 'is' : 'are'} deactivated. ` +
          'Leave them out of the selection or reactivate them first.',
      );
    }
    const free = subscription.seats - subscription.assigned;
    if (needing.length > free) {
      throw new AppError(
        409,
        'not-enough-seats',
        'Not enough free seats',
        `Nothing was assigned: ${needing.length} of the selected users need a seat of ${product.name}, but only ` +
          `${free} of its ${subscription.seats} seats ${free === 1 ? 'is' : 'are'} free. Select fewer users, free ` +
          'seats, or buy more.',
      );
    }
    for (const user of needing) {
      // Cannot fail while the row is held (above); if it ever does, the whole batch rolls back.
      if (!(await reserveSeat(trx, orgId, input.subscriptionId, now))) {
        throw new AppError(
          409,
          'not-enough-seats',
          'Not enough free seats',
          'Seats ran out meanwhile. Nothing was assigned.',
        );
      }
      await insertAssignment(trx, {
        orgId,
        subscriptionId: input.subscriptionId,
        userId: user.id,
        assignedBy: actorUserId(actor),
        now,
      });
      // One audit row per user given a seat (docs/audit-log.md): the user's history reads the same either way.
      await recordAudit(
        trx,
        actor,
        {
          orgId,
          action: 'seat.assigned',
          target: { type: 'user', id: user.id, label: user.email },
          after: { subscriptionId: input.subscriptionId, product: product.key },
        },
        now,
      );
    }
    return {
      subscriptionId: input.subscriptionId,
      product,
      assigned: needing.map((user) => user.id),
      alreadyHeld: users.filter((user) => holders.has(user.id)).map((user) => user.id),
      seatsAvailable: free - needing.length,
    };
  });
}
