import type { License } from '../../../contract/licenses';
import type { Subscription } from '../../../contract/subscriptions';
import { formatDate } from '../../lib/format-date';
import { expiryDateLabel } from '../subscriptions/subscription-status';

/** Subscriptions that can give this user a seat now: not expired, a seat free, not one the user holds already. */
export function assignableSubscriptions(
  subscriptions: readonly Subscription[],
  held: readonly License[],
): Subscription[] {
  const heldIds = new Set(held.map((license) => license.subscriptionId));
  return subscriptions
    .filter((item) => item.status !== 'expired' && item.available > 0 && !heldIds.has(item.id))
    .sort((a, b) => a.product.name.localeCompare(b.product.name));
}

/** "Studio — 2 of 20 seats free, renews Mar 5, 2026" */
export function subscriptionOptionLabel(subscription: Subscription): string {
  const free = `${subscription.available} of ${subscription.seats} ${subscription.seats === 1 ? 'seat' : 'seats'} free`;
  const date = `${expiryDateLabel(subscription.status).toLowerCase()} ${formatDate(subscription.expiresAt)}`;
  return `${subscription.product.name} — ${free}, ${date}`;
}
