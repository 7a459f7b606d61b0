import { describe, expect, it } from 'vitest';
import type { License } from '../../../contract/licenses';
import type { Subscription } from '../../../contract/subscriptions';
import { formatDate } from '../../lib/format-date';
import { assignableSubscriptions, subscriptionOptionLabel } from './assignable-subscriptions';

const subscription = (id: string, fields: Partial<Subscription> = {}): Subscription => ({
  id,
  product: { key: id, name: id.toUpperCase() },
  kind: 'named',
  seats: 20,
  assigned: 18,
  available: 2,
  inUse: 0,
  borrowed: 0,
  seatRules: { leaseWindowMinutes: 10, deviceLimit: 2, maxBorrowDays: 14, minPoolSeats: 0, reclaimAfterDays: null },
  status: 'active',
  autoRenew: true,
  startsAt: '2025-01-01T00:00:00.000Z',
  expiresAt: '2026-03-05T12:00:00.000Z',
  daysUntilExpiry: 40,
  seatPrice: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  ...fields,
});

const license = (subscriptionId: string): License => ({
  subscriptionId,
  product: { key: subscriptionId, name: subscriptionId },
  assignedAt: '2025-02-01T00:00:00.000Z',
  expiresAt: '2026-03-05T12:00:00.000Z',
  subscriptionStatus: 'active',
  lastUsedAt: null,
});

describe('assignableSubscriptions', () => {
  it('offers running subscriptions with a free seat that the user does not hold, by product name', () => {
    const result = assignableSubscriptions(
      [
        subscription('studio'),
        subscription('full', { assigned: 20, available: 0 }),
        subscription('expired', { status: 'expired' }),
        subscription('held'),
        subscription('cancelled', { status: 'cancelled', autoRenew: false }),
      ],
      [license('held')],
    );
    expect(result.map((item) => item.id)).toEqual(['cancelled', 'studio']);
  });
});

describe('subscriptionOptionLabel', () => {
  it('says the product, the free seats and the date that matters', () => {
    expect(subscriptionOptionLabel(subscription('studio'))).toBe(
      `STUDIO — 2 of 20 seats free, renews ${formatDate('2026-03-05T12:00:00.000Z')}`,
    );
    expect(subscriptionOptionLabel(subscription('x', { status: 'cancelled', seats: 1, available: 1 }))).toBe(
      `X — 1 of 1 seat free, ends ${formatDate('2026-03-05T12:00:00.000Z')}`,
    );
  });
});
