import type { Subscription, SubscriptionStatus } from '../../../contract/subscriptions';
import { formatDate } from '../../lib/format-date';

/** Within this many days (inclusive) an ending subscription is worth a warning. */
export const EXPIRY_SOON_DAYS = 30;
/** Within this many days (inclusive) the warning turns red. */
export const EXPIRY_URGENT_DAYS = 7;

const DAY_MS = 86_400_000;

export type NoticeTone = 'red' | 'orange' | 'blue';

export interface ExpiryNotice {
  tone: NoticeTone;
  text: string;
  /** True when access ends (or ended): said as a warning, not as information. */
  warning: boolean;
}

/** "Active", "Cancelled — ends Mar 5, 2026", "Expired" — the date in the viewer's zone. */
export function subscriptionStatusLabel(status: SubscriptionStatus, expiresAt: string): string {
  if (status === 'cancelled') return `Cancelled — ends ${formatDate(expiresAt)}`;
  return status === 'expired' ? 'Expired' : 'Active';
}

/** What the date next to the status means: the next renewal, the last day of access, or when access ended. */
export function expiryDateLabel(status: SubscriptionStatus): string {
  if (status === 'active') return 'Renews';
  return status === 'cancelled' ? 'Ends' : 'Expired';
}

/**
 * Whole days from `now` until `iso` the way the API counts daysUntilExpiry: rounded up while ahead (3 h ahead is
 * 1 day), whole days passed, negated, once behind (0 on the day it expired).
 */
export function daysUntil(iso: string, now: Date = new Date()): number {
  const ms = Date.parse(iso) - now.getTime();
  return ms > 0 ? Math.ceil(ms / DAY_MS) : 0 - Math.floor(-ms / DAY_MS);
}

function inDays(verb: string, days: number): string {
  if (days <= 0) return `${verb} today`;
  return `${verb} in ${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * The expiry warning, or null when there is nothing to say. A subscription that ends (auto-renew off) warns in
 * orange within 30 days and red within 7; an expired one is red. One that renews itself does not lose access, so
 * an upcoming renewal is only information (blue).
 */
export function expiryNotice(status: SubscriptionStatus, daysUntilExpiry: number): ExpiryNotice | null {
  if (status === 'expired') {
    const ago = -daysUntilExpiry;
    const text = ago <= 0 ? 'Expired today' : ago === 1 ? 'Expired yesterday' : `Expired ${ago} days ago`;
    return { tone: 'red', text, warning: true };
  }
  if (daysUntilExpiry > EXPIRY_SOON_DAYS) return null;
  if (status === 'active') return { tone: 'blue', text: inDays('Renews', daysUntilExpiry), warning: false };
  const tone = daysUntilExpiry <= EXPIRY_URGENT_DAYS ? 'red' : 'orange';
  return { tone, text: inDays('Expires', daysUntilExpiry), warning: true };
}

const statusOrder: Record<SubscriptionStatus, number> = { active: 0, cancelled: 0, expired: 1 };

/** Running subscriptions first, the one that ends or renews soonest on top; expired ones last, latest first. */
export function sortSubscriptions(items: readonly Subscription[]): Subscription[] {
  return [...items].sort((a, b) => {
    const byStatus = statusOrder[a.status] - statusOrder[b.status];
    if (byStatus) return byStatus;
    const byDate = Date.parse(a.expiresAt) - Date.parse(b.expiresAt);
    if (byDate) return a.status === 'expired' ? -byDate : byDate;
    return a.product.name.localeCompare(b.product.name);
  });
}

/** "18 of 20 seats assigned" */
export function seatUsageLabel(assigned: number, seats: number): string {
  return `${assigned} of ${seats} ${seats === 1 ? 'seat' : 'seats'} assigned`;
}

/** The kind of seats and how full they are: "Floating pool · 7 of 10 in use", "Named · 18 of 20 assigned". */
export function seatKindLabel(subscription: {
  kind: 'named' | 'floating';
  seats: number;
  assigned: number;
  inUse: number;
}) {
  return subscription.kind === 'floating'
    ? `Floating pool · ${subscription.inUse} of ${subscription.seats} in use`
    : `Named · ${subscription.assigned} of ${subscription.seats} assigned`;
}
