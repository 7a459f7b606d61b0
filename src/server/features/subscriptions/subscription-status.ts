import type { SeatRules } from '../../../contract/subscriptions.ts';
import type { SubscriptionKind, SubscriptionRow } from '../../db/schema.ts';
import { AppError } from '../../lib/app-error.ts';
import { DAY_MS, toIso } from '../../lib/time.ts';
import type { Product } from '../products/index.ts';

export type SubscriptionStatus = 'active' | 'cancelled' | 'expired';

/**
 * Status is derived, never stored, so it cannot go stale: expired once the period has
 * ended; cancelled while it runs without auto-renew (access continues to its end).
 */
export function subscriptionStatus(row: Pick<SubscriptionRow, 'expires_at' | 'auto_renew'>, now: number) {
  if (row.expires_at <= now) return 'expired';
  return row.auto_renew ? 'active' : 'cancelled';
}

/** Whole days until expiry (a subscription ending in 3 h "expires in 1 day"); negative once expired. */
export function daysUntil(expiresAt: number, now: number): number {
  // Both sides round away from today: 3 hours left is 1 day; expired 3 hours ago is -1.
  return expiresAt > now ? Math.ceil((expiresAt - now) / DAY_MS) : Math.floor((expiresAt - now) / DAY_MS);
}

export interface Subscription {
  id: string;
  product: Product;
  kind: SubscriptionKind;
  seats: number;
  assigned: number;
  available: number;
  inUse: number;
  borrowed: number;
  seatRules: SeatRules;
  status: SubscriptionStatus;
  autoRenew: boolean;
  startsAt: string;
  expiresAt: string;
  daysUntilExpiry: number;
  seatPrice: { amountCents: number; currency: string } | null;
  createdAt: string;
}

export function toSubscription(
  row: SubscriptionRow & { product_key: string; product_name: string },
  now: number,
): Subscription {
  return {
    id: row.id,
    product: { key: row.product_key, name: row.product_name },
    kind: row.kind,
    seats: row.seats,
    assigned: row.assigned,
    available: Math.max(0, row.seats - (row.kind === 'floating' ? row.leased : row.assigned)),
    inUse: row.leased,
    borrowed: row.borrowed,
    seatRules: toSeatRules(row),
    status: subscriptionStatus(row, now),
    autoRenew: Boolean(row.auto_renew),
    startsAt: toIso(row.starts_at),
    expiresAt: toIso(row.expires_at),
    daysUntilExpiry: daysUntil(row.expires_at, now),
    seatPrice:
      row.seat_price_cents === null ? null : { amountCents: row.seat_price_cents, currency: row.currency ?? 'USD' },
    createdAt: toIso(row.created_at),
  };
}

export function toSeatRules(row: SubscriptionRow): SeatRules {
  return {
    leaseWindowMinutes: Math.round(row.lease_window_s / 60),
    deviceLimit: row.device_limit,
    maxBorrowDays: row.max_borrow_days,
    minPoolSeats: row.min_pool_seats,
    reclaimAfterDays: row.reclaim_after_days,
  };
}

/** A change that needs a running subscription (assigning a seat, turning renewal on) on an expired one. */
export const subscriptionExpired = () =>
  new AppError(409, 'subscription-expired', 'Subscription expired', 'Renew the subscription first.');

/** Assigning a seat of a floating pool: its seats are leased while the app runs, never assigned. */
export const floatingSubscription = () =>
  new AppError(
    409,
    'floating-subscription',
    'Not for floating pools',
    'Seats of a floating subscription are not assigned: any active member takes one from the pool while the app ' +
      'runs. See who holds one on its Seats in use page.',
  );
