import { describe, expect, it } from 'vitest';
import { distanceKm, travelBetween } from './travel.ts';

const LONDON = { latitude: 51.5142, longitude: -0.0931 };
const SYDNEY = { latitude: -33.8688, longitude: 151.2093 };
const HOUR = 3_600_000;

describe('travel between two sign-ins', () => {
  it('measures great-circle distances (haversine on the mean Earth radius)', () => {
    // Published great-circle figures: London–Sydney ≈ 16,990 km; a quarter meridian ≈ 10,008 km.
    expect(distanceKm(LONDON, SYDNEY)).toBeCloseTo(16_990, -1);
    expect(distanceKm({ latitude: 0, longitude: 0 }, { latitude: 90, longitude: 0 })).toBeCloseTo(10_007.6, 0);
    expect(distanceKm(LONDON, LONDON)).toBe(0);
    // Antipodes: rounding must not push asin past 1 into NaN.
    expect(distanceKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(20_015.1, 0);
    expect(distanceKm(LONDON, { latitude: null, longitude: 151 })).toBeNull();
  });

  it('gives the speed that the distance in the time between them would take', () => {
    expect(travelBetween({ ...LONDON, at: 0 }, { ...SYDNEY, at: 2 * HOUR })).toEqual({
      distanceKm: expect.closeTo(16_990, -1),
      elapsedSeconds: 7200,
      speedKmh: expect.closeTo(8495, -1),
    });
  });

  it('never divides by zero: no time between two places has no speed, the same place none needed', () => {
    expect(travelBetween({ ...LONDON, at: 5 }, { ...SYDNEY, at: 5 })).toMatchObject({
      elapsedSeconds: 0,
      speedKmh: null,
    });
    expect(travelBetween({ ...LONDON, at: 5 }, { ...LONDON, at: 5 })).toEqual({
      distanceKm: 0,
      elapsedSeconds: 0,
      speedKmh: 0,
    });
    // Less than half a second apart: 0 whole seconds, yet a real (huge) speed from the milliseconds.
    const blink = travelBetween({ ...LONDON, at: 0 }, { ...SYDNEY, at: 400 });
    expect(blink.elapsedSeconds).toBe(0);
    expect(blink.speedKmh).toBeGreaterThan(100_000_000);
  });

  it('has no distance or speed when a place is unknown, and never a negative time', () => {
    expect(travelBetween({ latitude: null, longitude: null, at: 0 }, { ...SYDNEY, at: HOUR })).toEqual({
      distanceKm: null,
      elapsedSeconds: 3600,
      speedKmh: null,
    });
    expect(travelBetween({ ...LONDON, at: HOUR }, { ...LONDON, at: 0 }).elapsedSeconds).toBe(0);
  });
});
