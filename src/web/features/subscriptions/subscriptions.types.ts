import type { Money } from '../../lib/format-money';
import type { Product } from '../products/products.types';

/**
 * expired: expiresAt has passed. cancelled: auto-renew is off, access continues until expiresAt.
 * active: auto-renew is on; expiresAt is the renewal date.
 */
export type SubscriptionStatus = 'active' | 'cancelled' | 'expired';

export interface Subscription {
  id: string;
  product: Product;
  seats: number;
  assigned: number;
  available: number;
  status: SubscriptionStatus;
  autoRenew: boolean;
  startsAt: string;
  expiresAt: string;
  /** Whole days until expiresAt; negative once expired. */
  daysUntilExpiry: number;
  seatPrice: Money | null;
  createdAt: string;
}

export interface AssignmentUser {
  id: string;
  email: string;
  name: string;
  status: 'active' | 'deactivated';
}

/** A seat of a subscription held by one user. */
export interface Assignment {
  id: string;
  subscriptionId: string;
  product: Product;
  user: AssignmentUser;
  assignedAt: string;
  assignedBy: { id: string; name: string } | null;
  /** Last heartbeat or app use of this product by this user. */
  lastUsedAt: string | null;
}
