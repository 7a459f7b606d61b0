import type { Subscription } from '../../../contract/subscriptions';
import { CancelSubscriptionButton } from './cancel-subscription-button';
import { ResumeSubscriptionButton } from './resume-subscription-button';

/** Cancel at period end while it renews, resume while cancelled; nothing once expired. */
export function RenewalAction({ subscription }: { subscription: Subscription }) {
  if (subscription.status === 'expired') return null;
  return subscription.status === 'cancelled' ? (
    <ResumeSubscriptionButton subscription={subscription} />
  ) : (
    <CancelSubscriptionButton subscription={subscription} />
  );
}
