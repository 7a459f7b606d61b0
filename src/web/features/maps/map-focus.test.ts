import { describe, expect, it } from 'vitest';
import { focusBounds, MIN_SPAN } from './map-focus';

const LONDON = { latitude: 51.5142, longitude: -0.0931 };
const LINKOPING = { latitude: 58.4167, longitude: 15.6167 };
const SYDNEY = { latitude: -33.87, longitude: 151.21 };
const SAN_DIEGO = { latitude: 32.74, longitude: -117.09 };

function contains(bounds: NonNullable<ReturnType<typeof focusBounds>>, point: typeof LONDON) {
  const [[west, south], [east, north]] = bounds;
  return point.longitude > west && point.longitude < east && point.latitude > south && point.latitude < north;
}

describe('focusBounds', () => {
  it('shows a single place with at least the minimum window around it, centred on it', () => {
    const bounds = focusBounds([LONDON]);
    expect(bounds).not.toBeNull();
    const [[west, south], [east, north]] = bounds!;
    expect(east - west).toBeGreaterThanOrEqual(MIN_SPAN[0]);
    expect(north - south).toBeGreaterThanOrEqual(MIN_SPAN[1]);
    expect((west + east) / 2).toBeCloseTo(LONDON.longitude);
    expect((south + north) / 2).toBeCloseTo(LONDON.latitude);
  });

  it('keeps two places apart inside the window, with room at the edges', () => {
    const bounds = focusBounds([LONDON, LINKOPING])!;
    expect(contains(bounds, LONDON)).toBe(true);
    expect(contains(bounds, LINKOPING)).toBe(true);
  });

  it('gives up on focusing (the whole world) when places are half a globe apart, or when there are none', () => {
    expect(focusBounds([SYDNEY, SAN_DIEGO])).toBeNull();
    expect(focusBounds([])).toBeNull();
  });

  it('never leaves the globe or reaches Mercator’s poles', () => {
    const [[west, south], [east, north]] = focusBounds([{ latitude: 78, longitude: 179 }])!;
    expect(west).toBeGreaterThanOrEqual(-180);
    expect(east).toBeLessThanOrEqual(180);
    expect(south).toBeGreaterThanOrEqual(-80);
    expect(north).toBeLessThanOrEqual(80);
  });
});
