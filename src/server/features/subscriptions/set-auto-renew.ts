import type { AppDeps } from '../../app-deps.ts';
import { notFound } from '../../lib/app-error.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { subscriptionExpired, toSubscription } from './subscription-status.ts';
import { findSubscription, updateSubscription } from './subscriptions.repository.ts';

/** Cancel = no renewal at the period's end; access continues until then. Resume undoes it. */
export async function setAutoRenew(
  deps: AppDeps,
  orgId: string,
  subscriptionId: string,
  autoRenew: boolean,
  actor: AuditActor,
) {
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const subscription = await findSubscription(trx, orgId, subscriptionId);
    if (!subscription) throw notFound('Subscription');
    if (subscription.expires_at <= now) throw subscriptionExpired();
    await updateSubscription(trx, orgId, subscriptionId, { auto_renew: autoRenew ? 1 : 0, updated_at: now });
    // Cancelling what is cancelled already (or resuming what renews) changed nothing to record.
    if (Boolean(subscription.auto_renew) !== autoRenew) {
      await recordAudit(
        trx,
        actor,
        {
          orgId,
          action: autoRenew ? 'subscription.resumed' : 'subscription.cancelled',
          target: { type: 'subscription', id: subscriptionId, label: subscription.product_name },
          before: { autoRenew: Boolean(subscription.auto_renew) },
          after: { autoRenew },
        },
        now,
      );
    }
    return toSubscription({ ...subscription, auto_renew: autoRenew ? 1 : 0 }, now);
  });
}
