import { describe, expect, it } from 'vitest';
import { dayRangeToInstants } from './date-range';

describe('dayRangeToInstants', () => {
  it('covers whole local days: from the start of the first to the start of the day after the last', () => {
    expect(dayRangeToInstants('2025-03-01', '2025-03-31')).toEqual({
      from: new Date(2025, 2, 1).toISOString(),
      to: new Date(2025, 3, 1).toISOString(),
    });
  });

  it('treats a single picked day as that whole day', () => {
    expect(dayRangeToInstants('2024-12-31', '2024-12-31')).toEqual({
      from: new Date(2024, 11, 31).toISOString(),
      to: new Date(2025, 0, 1).toISOString(),
    });
  });

  it('stays on day boundaries across a daylight-saving change (a 23- or 25-hour day)', () => {
    expect(dayRangeToInstants('2025-03-30', '2025-03-30')).toEqual({
      from: new Date(2025, 2, 30).toISOString(),
      to: new Date(2025, 2, 31).toISOString(),
    });
  });

  it('leaves out the bounds that were not picked', () => {
    expect(dayRangeToInstants(null, null)).toEqual({});
    expect(dayRangeToInstants('2025-01-10', null)).toEqual({ from: new Date(2025, 0, 10).toISOString() });
  });
});
