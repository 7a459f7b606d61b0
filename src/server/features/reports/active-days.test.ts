import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../lib/local-date.ts';
import { activeUserSeries } from './active-days.ts';

const daysOf = (...dates: string[]) => dates.map(dayNumber);

describe('active users over time', () => {
  it('counts distinct users per day, week and month, with the 30 days before the range', () => {
    const users = [
      daysOf('2026-03-01', '2026-03-30'), // 1 March is 30 days before 30 March: inside its month window
      daysOf('2026-03-24', '2026-03-30'),
      daysOf('2026-03-31'),
    ];
    expect(activeUserSeries(['2026-03-30', '2026-03-31'], users)).toEqual([
      { day: '2026-03-30', dau: 2, wau: 2, mau: 2 },
      // 31 March: a (30 Mar), b (24 and 30 Mar), c; 1 March has left the 30-day window.
      { day: '2026-03-31', dau: 1, wau: 3, mau: 3 },
    ]);
    expect(activeUserSeries(['2026-03-07'], [daysOf('2026-03-01')])).toEqual([
      { day: '2026-03-07', dau: 0, wau: 1, mau: 1 },
    ]);
    expect(activeUserSeries(['2026-03-08'], [daysOf('2026-03-01')])).toEqual([
      { day: '2026-03-08', dau: 0, wau: 0, mau: 1 },
    ]);
  });

  it('counts a user once however many of their days a window holds', () => {
    const series = activeUserSeries(['2026-03-05', '2026-03-06'], [daysOf('2026-03-01', '2026-03-02', '2026-03-05')]);
    expect(series).toEqual([
      { day: '2026-03-05', dau: 1, wau: 1, mau: 1 },
      { day: '2026-03-06', dau: 0, wau: 1, mau: 1 },
    ]);
  });
});
