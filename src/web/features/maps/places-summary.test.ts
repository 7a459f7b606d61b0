import { describe, expect, it } from 'vitest';
import { summarisePlaces } from './places-summary';

describe('summarisePlaces', () => {
  it('names the busiest places first with their counts', () => {
    expect(
      summarisePlaces([
        { label: 'Paris, France', count: 2 },
        { label: 'London, United Kingdom', count: 12 },
        { label: 'Oslo, Norway', count: 1 },
      ]),
    ).toBe(
      'Map of 3 places: London, United Kingdom (12 sign-ins); Paris, France (2 sign-ins); Oslo, Norway (1 sign-in)',
    );
  });

  it('says how many more there are past the first five', () => {
    const places = Array.from({ length: 8 }, (_, index) => ({ label: `City ${index}`, count: 10 - index }));
    const text = summarisePlaces(places);
    expect(text).toMatch(/^Map of 8 places: City 0 \(10 sign-ins\);/);
    expect(text).toMatch(/City 4 \(6 sign-ins\); and 3 more$/);
    expect(text).not.toContain('City 5');
  });

  it('says so when nothing is known', () => {
    expect(summarisePlaces([])).toBe('Map: no known places');
  });
});
