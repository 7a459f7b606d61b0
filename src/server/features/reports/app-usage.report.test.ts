import { describe, expect, it } from 'vitest';
import { activeUserSeries } from './app-usage.report.ts';

describe('active users over time', () => {
  it('counts distinct users per day, week and month, with the 30 days before the range', () => {
    const activity = [
      { user_id: 'a', day: '2026-03-01' }, // 30 days before 30 March: inside March 30's month window
      { user_id: 'b', day: '2026-03-24' },
      { user_id: 'a', day: '2026-03-30' },
      { user_id: 'b', day: '2026-03-30' },
      { user_id: 'c', day: '2026-03-31' },
    ];
    expect(activeUserSeries(['2026-03-30', '2026-03-31'], activity)).toEqual([
      { day: '2026-03-30', dau: 2, wau: 2, mau: 2 },
      // 31 March: a (30 Mar), b (24 and 30 Mar), c; 1 March has left the 30-day window.
      { day: '2026-03-31', dau: 1, wau: 3, mau: 3 },
    ]);
    expect(activeUserSeries(['2026-03-07'], [{ user_id: 'x', day: '2026-03-01' }])).toEqual([
      { day: '2026-03-07', dau: 0, wau: 1, mau: 1 },
    ]);
    expect(activeUserSeries(['2026-03-08'], [{ user_id: 'x', day: '2026-03-01' }])).toEqual([
      { day: '2026-03-08', dau: 0, wau: 0, mau: 1 },
    ]);
  });
});
