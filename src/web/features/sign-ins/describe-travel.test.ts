import { describe, expect, it } from 'vitest';
import { describeTravel, formatDistance, formatSpeed } from './describe-travel';

describe('formatDistance', () => {
  it('says kilometres, whole and grouped', () => {
    expect(formatDistance(1432.4)).toBe('1,432 km');
    expect(formatDistance(12.6)).toBe('13 km');
  });

  it('says the same place without a false precision, and nothing when unknown', () => {
    expect(formatDistance(0)).toBe('less than 1 km');
    expect(formatDistance(null)).toBeNull();
    expect(formatDistance(Number.NaN)).toBeNull();
  });
});

describe('describeTravel', () => {
  it('gives distance, time between and speed', () => {
    expect(describeTravel({ distanceKm: 1432, elapsedSeconds: 2 * 3600 + 5 * 60, speedKmh: 685.7 })).toEqual({
      distance: '1,432 km',
      elapsed: '2 h 5 min',
      speed: '686 km/h',
    });
  });

  it('gives no speed when no time passed or a place is unknown', () => {
    expect(describeTravel({ distanceKm: 5, elapsedSeconds: 0, speedKmh: null }).speed).toBeNull();
    expect(describeTravel({ distanceKm: null, elapsedSeconds: 60, speedKmh: null })).toEqual({
      distance: null,
      elapsed: '1 min',
      speed: null,
    });
    expect(formatSpeed(Number.POSITIVE_INFINITY)).toBeNull();
  });
});
