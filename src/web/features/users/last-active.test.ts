import { describe, expect, it } from 'vitest';
import { lastActiveBefore, lastActiveLabel, parseLastActive } from './last-active';

describe('parseLastActive', () => {
  it('keeps presets and real days, ignores anything else', () => {
    expect(parseLastActive('30d')).toBe('30d');
    expect(parseLastActive('2026-10-01')).toBe('2026-10-01');
    for (const value of ['0d', '-3d', 'd', '30', '2026-02-30', '2026-13-01', 'soon', '', null]) {
      expect(parseLastActive(value), String(value)).toBeNull();
    }
  });
});

describe('lastActiveBefore', () => {
  it('is the start of the local day, days back or the day chosen', () => {
    const today = new Date(2026, 11, 1, 15, 42);
    expect(lastActiveBefore('30d', today)).toBe(new Date(2026, 10, 1).toISOString());
    expect(lastActiveBefore('2026-10-01', today)).toBe(new Date(2026, 9, 1).toISOString());
    expect(lastActiveBefore(null, today)).toBeNull();
  });
});

describe('lastActiveLabel', () => {
  it('says what the filter means', () => {
    expect(lastActiveLabel('90d')).toBe('Not active in 90 days');
    expect(lastActiveLabel('2026-10-01')).toBe('Not active since Oct 1, 2026');
  });
});
