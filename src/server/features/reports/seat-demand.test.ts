import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../lib/time.ts';
import { carryHourlyPeaks, nearestRankPercentile, recommendSeats } from './seat-demand.ts';

const H = (n: number) => n * HOUR_MS;

describe('carryHourlyPeaks', () => {
  it('repeats the last level through hours without a change, starting from the level before the range', () => {
    const rows = [
      { hour: H(11), peak: 3, last: 1, seats: 3 },
      { hour: H(14), peak: 2, last: 0, seats: 4 },
    ];
    const peaks = carryHourlyPeaks(rows, { fromHour: H(10), toHour: H(16) }, { level: 2, seats: 3 });
    expect(peaks).toEqual([
      { hour: H(10), peak: 2, seats: 3 }, // no change: the level before the range
      { hour: H(11), peak: 3, seats: 3 },
      { hour: H(12), peak: 1, seats: 3 }, // carried: the 11:00 hour ended at 1
      { hour: H(13), peak: 1, seats: 3 },
      { hour: H(14), peak: 2, seats: 4 }, // seats owned changed with this hour's row
      { hour: H(15), peak: 0, seats: 4 },
    ]);
  });

  it('answers nothing for an empty range and nothing in use without any row', () => {
    expect(carryHourlyPeaks([], { fromHour: H(5), toHour: H(5) }, { level: 0, seats: 2 })).toEqual([]);
    expect(carryHourlyPeaks([], { fromHour: H(5), toHour: H(7) }, { level: 0, seats: 2 })).toEqual([
      { hour: H(5), peak: 0, seats: 2 },
      { hour: H(6), peak: 0, seats: 2 },
    ]);
  });
});

describe('nearestRankPercentile', () => {
  it('takes the value at rank ceil(p/100 × n), never interpolating', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1); // 1..20
    expect(nearestRankPercentile(twenty, 95)).toBe(19); // rank 19
    expect(nearestRankPercentile([...twenty, 21], 95)).toBe(20); // rank ceil(19.95) = 20
    expect(nearestRankPercentile([5, 1, 3], 95)).toBe(5); // unsorted input, rank 3
    expect(nearestRankPercentile([7], 95)).toBe(7);
    expect(nearestRankPercentile([4, 2], 50)).toBe(2); // rank 1
  });

  it('is 0 for no values', () => {
    expect(nearestRankPercentile([], 95)).toBe(0);
  });
});

describe('recommendSeats', () => {
  it('says buy, drop or keep in plain words, never fewer than one seat', () => {
    expect(recommendSeats({ recommended: 13, owned: 10, appName: 'Vectorworks' }, 'why').text).toBe(
      'Buy 3 more seats of Vectorworks — why',
    );
    expect(recommendSeats({ recommended: 11, owned: 10, appName: 'V' }, 'why')).toEqual({
      seats: 11,
      change: 1,
      text: 'Buy 1 more seat of V — why',
    });
    expect(recommendSeats({ recommended: 6, owned: 10, appName: 'V' }, 'why').text).toBe('Drop 4 seats of V — why');
    expect(recommendSeats({ recommended: 10, owned: 10, appName: 'V' }, 'why').text).toBe('Keep 10 seats of V — why');
    expect(recommendSeats({ recommended: 0, owned: 2, appName: 'V' }, 'why')).toMatchObject({ seats: 1, change: -1 });
  });
});
