import { describe, expect, it } from 'vitest';
import { chooseSeat, type SeatCandidate } from './choose-seat.ts';

const now = Date.UTC(2026, 11, 2, 9);
const DAY = 86_400_000;
const candidate = (id: string, changes: Partial<SeatCandidate> = {}): SeatCandidate => ({
  subscription_id: id,
  kind: 'named',
  seats: 5,
  leased: 0,
  expires_at: now + 30 * DAY,
  lease_window_s: 600,
  device_limit: 2,
  assignment_id: null,
  ...changes,
});

describe('choosing the seat of an app sign-in', () => {
  it('takes the user’s named seat first, the latest-expiring one', () => {
    const choice = chooseSeat(
      [
        candidate('pool', { kind: 'floating' }),
        candidate('soon', { assignment_id: 1, expires_at: now + DAY }),
        candidate('later', { assignment_id: 2 }),
      ],
      now,
    );
    expect(choice).toMatchObject({ kind: 'named', seat: { subscription_id: 'later' } });
  });

  it('otherwise tries the running floating pools, least full first', () => {
    const choice = chooseSeat(
      [
        candidate('full', { kind: 'floating', seats: 4, leased: 4 }),
        candidate('half', { kind: 'floating', seats: 10, leased: 5 }),
        candidate('quiet', { kind: 'floating', seats: 3, leased: 0 }),
        candidate('ended', { kind: 'floating', expires_at: now }),
        candidate('expired seat', { assignment_id: 3, expires_at: now - DAY }),
      ],
      now,
    );
    expect(choice.kind === 'floating' && choice.pools.map((pool) => pool.subscription_id)).toEqual([
      'quiet',
      'half',
      'full',
    ]);
  });

  it('says subscription_expired when the seat or pool exists but ended, no_seat when there is none', () => {
    expect(chooseSeat([candidate('old', { assignment_id: 1, expires_at: now })], now)).toEqual({
      kind: 'none',
      reason: 'subscription_expired',
      subscriptionId: 'old',
    });
    expect(chooseSeat([candidate('pool', { kind: 'floating', expires_at: now - 1 })], now)).toMatchObject({
      reason: 'subscription_expired',
      subscriptionId: 'pool',
    });
    expect(chooseSeat([], now)).toEqual({ kind: 'none', reason: 'no_seat', subscriptionId: null });
  });
});
