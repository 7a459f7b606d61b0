import { describe, expect, it } from 'vitest';
import { MAX_MARKER_RADIUS, MIN_MARKER_RADIUS, markerRadius } from './marker-radius';

describe('markerRadius', () => {
  it('gives the busiest place the largest marker and a single sign-in among many nearly the smallest', () => {
    expect(markerRadius(40, 40)).toBe(MAX_MARKER_RADIUS);
    expect(markerRadius(1, 10_000)).toBeCloseTo(MIN_MARKER_RADIUS + (MAX_MARKER_RADIUS - MIN_MARKER_RADIUS) / 100);
  });

  it('grows the area, not the radius, with the count: four times the sign-ins is twice the radius above the floor', () => {
    const quarter = markerRadius(25, 100, 0, 20);
    const whole = markerRadius(100, 100, 0, 20);
    expect(whole / quarter).toBeCloseTo(2);
  });

  it('is monotonic in the count', () => {
    const radii = [1, 2, 5, 10, 50, 100].map((count) => markerRadius(count, 100));
    expect([...radii].sort((a, b) => a - b)).toEqual(radii);
    expect(new Set(radii).size).toBe(radii.length);
  });

  it('draws the smallest marker for nonsense counts and never more than the largest', () => {
    expect(markerRadius(0, 10)).toBe(MIN_MARKER_RADIUS);
    expect(markerRadius(Number.NaN, 10)).toBe(MIN_MARKER_RADIUS);
    expect(markerRadius(3, 0)).toBe(MIN_MARKER_RADIUS);
    expect(markerRadius(500, 10)).toBe(MAX_MARKER_RADIUS);
  });
});
