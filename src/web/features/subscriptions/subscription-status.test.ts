import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../../contract/subscriptions';
import { formatDate } from '../../lib/format-date';
import {
  daysUntil,
  expiryDateLabel,
  expiryNotice,
  seatKindLabel,
  seatUsageLabel,
  sortSubscriptions,
  subscriptionStatusLabel,
} from './subscription-status';

describe('subscriptionStatusLabel', () => {
  it('names the status, with the last day of access for a cancelled subscription', () => {
    const expiresAt = '2026-03-05T12:00:00.000Z';
    expect(subscriptionStatusLabel('active', expiresAt)).toBe('Active');
    expect(subscriptionStatusLabel('cancelled', expiresAt)).toBe(`Cancelled — ends ${formatDate(expiresAt)}`);
    expect(subscriptionStatusLabel('expired', expiresAt)).toBe('Expired');
  });

  it('says what the date means', () => {
    expect(expiryDateLabel('active')).toBe('Renews');
    expect(expiryDateLabel('cancelled')).toBe('Ends');
    expect(expiryDateLabel('expired')).toBe('Expired');
  });
});

describe('expiryNotice', () => {
  it('warns about an ending subscription in orange within 30 days and in red within 7', () => {
    expect(expiryNotice('cancelled', 31)).toBeNull();
    expect(expiryNotice('cancelled', 30)).toEqual({ tone: 'orange', text: 'Expires in 30 days', warning: true });
    expect(expiryNotice('cancelled', 8)?.tone).toBe('orange');
    expect(expiryNotice('cancelled', 7)).toEqual({ tone: 'red', text: 'Expires in 7 days', warning: true });
    expect(expiryNotice('cancelled', 1)?.text).toBe('Expires in 1 day');
    expect(expiryNotice('cancelled', 0)?.text).toBe('Expires today');
  });

  it('is red once expired, saying how long ago', () => {
    expect(expiryNotice('expired', 0)).toEqual({ tone: 'red', text: 'Expired today', warning: true });
    expect(expiryNotice('expired', -1)?.text).toBe('Expired yesterday');
    expect(expiryNotice('expired', -40)?.text).toBe('Expired 40 days ago');
  });

  it('only informs about an upcoming renewal', () => {
    expect(expiryNotice('active', 45)).toBeNull();
    expect(expiryNotice('active', 12)).toEqual({ tone: 'blue', text: 'Renews in 12 days', warning: false });
    expect(expiryNotice('active', 3)?.tone).toBe('blue');
  });
});

describe('daysUntil', () => {
  const now = new Date('2026-01-10T12:00:00.000Z');
  it('counts whole days like the API: rounded up while ahead, whole days passed (negated) once behind', () => {
    expect(daysUntil('2026-01-20T12:00:00.000Z', now)).toBe(10);
    expect(daysUntil('2026-01-10T15:00:00.000Z', now)).toBe(1);
    expect(daysUntil('2026-01-10T11:00:00.000Z', now)).toBe(0);
    expect(daysUntil('2026-01-08T11:00:00.000Z', now)).toBe(-2);
  });
});

describe('sortSubscriptions', () => {
  const subscription = (id: string, status: Subscription['status'], expiresAt: string): Subscription => ({
    id,
    product: { key: id, name: id },
    kind: 'named',
    seats: 10,
    assigned: 0,
    available: 10,
    inUse: 0,
    borrowed: 0,
    seatRules: { leaseWindowMinutes: 10, deviceLimit: 2, maxBorrowDays: 14, minPoolSeats: 0, reclaimAfterDays: null },
    status,
    autoRenew: status === 'active',
    startsAt: '2025-01-01T00:00:00.000Z',
    expiresAt,
    daysUntilExpiry: 0,
    seatPrice: null,
    createdAt: '2025-01-01T00:00:00.000Z',
  });

  it('puts the soonest running one first and expired ones last, most recent first', () => {
    const sorted = sortSubscriptions([
      subscription('old', 'expired', '2025-01-01T00:00:00.000Z'),
      subscription('later', 'active', '2026-09-01T00:00:00.000Z'),
      subscription('recent', 'expired', '2025-12-01T00:00:00.000Z'),
      subscription('soon', 'cancelled', '2026-02-01T00:00:00.000Z'),
    ]);
    expect(sorted.map((item) => item.id)).toEqual(['soon', 'later', 'recent', 'old']);
  });
});

describe('seatUsageLabel', () => {
  it('says assigned of purchased', () => {
    expect(seatUsageLabel(18, 20)).toBe('18 of 20 seats assigned');
    expect(seatUsageLabel(0, 1)).toBe('0 of 1 seat assigned');
  });
});

describe('seatKindLabel', () => {
  it('says the kind and how full it is: assigned seats, or a pool’s seats in use', () => {
    expect(seatKindLabel({ kind: 'named', seats: 20, assigned: 18, inUse: 3 })).toBe('Named · 18 of 20 assigned');
    expect(seatKindLabel({ kind: 'floating', seats: 10, assigned: 0, inUse: 7 })).toBe(
      'Floating pool · 7 of 10 in use',
    );
  });
});
