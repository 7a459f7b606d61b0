import type { Product } from '../products/products.types';
import type { SubscriptionStatus } from '../subscriptions/subscriptions.types';

/** A seat one user holds, seen from that user. */
export interface License {
  subscriptionId: string;
  product: Product;
  assignedAt: string;
  expiresAt: string;
  subscriptionStatus: SubscriptionStatus;
  lastUsedAt: string | null;
}
