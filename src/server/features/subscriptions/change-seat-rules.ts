import type { SeatRules, SeatRulesPatch } from '../../../contract/subscriptions.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { SubscriptionRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { toSeatRules, toSubscription } from './subscription-status.ts';
import { findSubscription, updateSubscription } from './subscriptions.repository.ts';

const seatRulesConflict = (detail: string) => new AppError(409, 'seat-rules-conflict', 'Seat rules do not fit', detail);

/**
 * An owner changes a subscription's seat rules (lease window, device limit, borrowing, the seats kept in
 * the pool, dormant-seat reclaim), audited `subscription.seat_rules_changed` with the rules before and
 * after. A rule that does not fit the subscription's kind or seats is a 409 and changes nothing. Leases
 * already out keep their terms: a shorter borrowing maximum applies to the next borrowing.
 */
export async function changeSeatRules(
  deps: AppDeps,
  orgId: string,
  subscriptionId: string,
  patch: SeatRulesPatch,
  actor: AuditActor,
) {
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const subscription = await findSubscription(trx, orgId, subscriptionId);
    if (!subscription) throw notFound('Subscription');
    const before = toSeatRules(subscription);
    const after: SeatRules = { ...before, ...patch };
    assertRulesFit(subscription, after);
    const columns = {
      lease_window_s: after.leaseWindowMinutes * 60,
      device_limit: after.deviceLimit,
      max_borrow_days: after.maxBorrowDays,
      min_pool_seats: after.minPoolSeats,
      reclaim_after_days: after.reclaimAfterDays,
    };
    await updateSubscription(trx, orgId, subscriptionId, { ...columns, updated_at: now });
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordAudit(
        trx,
        actor,
        {
          orgId,
          action: 'subscription.seat_rules_changed',
          target: { type: 'subscription', id: subscriptionId, label: subscription.product_name },
          before: { ...before },
          after: { ...after },
        },
        now,
      );
    }
    return toSubscription({ ...subscription, ...columns }, now);
  });
}

/** The rules that depend on the kind of seat and the seats bought. */
function assertRulesFit(subscription: SubscriptionRow, rules: SeatRules): void {
  if (subscription.kind === 'floating' && rules.reclaimAfterDays !== null) {
    throw seatRulesConflict('Dormant-seat reclaim is for named seats: a floating pool frees its seats by itself.');
  }
  if (subscription.kind === 'named' && rules.minPoolSeats > 0) {
    throw seatRulesConflict('Seats kept in the pool are a rule of floating pools; set minPoolSeats to 0.');
  }
  if (rules.minPoolSeats > 0 && rules.minPoolSeats >= subscription.seats) {
    throw seatRulesConflict(
      `The pool has ${subscription.seats} seats: keep fewer than that from offline borrowing (at most ${Math.max(0, subscription.seats - 1)}).`,
    );
  }
}
