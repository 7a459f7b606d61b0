import { describe, expect, it } from 'vitest';
import { placesToMarkers } from './places-markers';

const base = { countryCode: 'GB', country: 'United Kingdom', region: 'England', lastAt: '2026-11-30T10:00:00.000Z' };

describe('placesToMarkers', () => {
  it('names each place and keeps its count and position', () => {
    const markers = placesToMarkers([
      { ...base, city: 'London', latitude: 51.5142, longitude: -0.0931, count: 12 },
      { ...base, city: null, region: null, country: null, countryCode: null, latitude: 10, longitude: 20, count: 1 },
    ]);
    expect(markers.map(({ label, count, latitude }) => ({ label, count, latitude }))).toEqual([
      { label: 'London, England, United Kingdom', count: 12, latitude: 51.5142 },
      { label: '10.00, 20.00', count: 1, latitude: 10 },
    ]);
    expect(new Set(markers.map((marker) => marker.id)).size).toBe(2);
  });
});
