import { describe, expect, it } from 'vitest';
import { dayLabel, deniedExplanation, pressureSeverity, thresholdReached } from './seat-alert-text.ts';

describe('seat alert marks and sentences', () => {
  it('finds the highest mark reached, in whole seats', () => {
    expect(thresholdReached(7, 10)).toBeNull();
    expect(thresholdReached(8, 10)).toBe(80);
    expect(thresholdReached(9, 10)).toBe(90);
    expect(thresholdReached(10, 10)).toBe(100);
    // 4 of 5 is exactly 80 %; 2 of 3 (66 %) is none; 3 of 3 is full.
    expect(thresholdReached(4, 5)).toBe(80);
    expect(thresholdReached(2, 3)).toBeNull();
    expect(thresholdReached(3, 3)).toBe(100);
    // 17 of 19 is 89.5 %: past 80, not 90.
    expect(thresholdReached(17, 19)).toBe(80);
    expect(thresholdReached(0, 0)).toBeNull();
    expect([pressureSeverity(80), pressureSeverity(90), pressureSeverity(100)]).toEqual(['low', 'low', 'medium']);
  });

  it('names the day the same way whatever the runtime’s locale data', () => {
    expect(dayLabel('2030-03-01')).toBe('Fri 1 Mar 2030');
    expect(dayLabel('2026-12-31')).toBe('Thu 31 Dec 2026');
  });

  it('lists several reasons with their counts of requests, most first', () => {
    const subject = { productName: 'Rhino', kind: 'named' as const, seats: 5, deviceLimit: 2 };
    expect(deniedExplanation({ subject, people: 1, byReason: { device_limit: 1 }, day: '2030-03-01' })).toBe(
      '1 person was turned away from Rhino on Fri 1 Mar 2030 and gave up: they already ran it on 2 devices, the limit.',
    );
    expect(
      deniedExplanation({ subject, people: 3, byReason: { no_seat: 1, subscription_expired: 4 }, day: '2030-03-01' }),
    ).toBe(
      '3 people were turned away from Rhino on Fri 1 Mar 2030 and gave up: the subscription had expired (4 requests); they hold no seat of it (1 request).',
    );
  });
});
