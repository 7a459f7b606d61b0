import { describe, expect, it } from 'vitest';
import { dateOfDayNumber, dayNumber } from '../../lib/local-date.ts';
import { SeededRandom } from '../demo/random.ts';
import { activeUserChanges, nearestActiveDays, seriesFromChanges } from './active-users.ts';

/** Users' active days added one at a time in random order, as writes arrive, then summed into a series. */
function seriesAfterAdding(users: number[][], days: string[], random: SeededRandom) {
  const adds = users.flatMap((userDays, user) => userDays.map((day) => ({ user, day })));
  for (let index = adds.length - 1; index > 0; index--) {
    const other = random.int(0, index);
    [adds[index], adds[other]] = [adds[other] as (typeof adds)[number], adds[index] as (typeof adds)[number]];
  }
  const seen = users.map(() => new Set<number>());
  const rows = new Map<string, { day: string; users: number; weekly_change: number; monthly_change: number }>();
  const base = { weekly: 0, monthly: 0 };
  const first = days[0] ?? '';
  for (const { user, day } of adds) {
    const mine = seen[user] as Set<number>;
    if (mine.has(day)) continue;
    const { previous, next } = nearestActiveDays((other) => mine.has(other), day);
    mine.add(day);
    for (const change of activeUserChanges(previous, day, next)) {
      const date = dateOfDayNumber(change.day);
      if (date < first) {
        base.weekly += change.weekly;
        base.monthly += change.monthly;
        continue;
      }
      const row = rows.get(date) ?? { day: date, users: 0, weekly_change: 0, monthly_change: 0 };
      row.users += change.users;
      row.weekly_change += change.weekly;
      row.monthly_change += change.monthly;
      rows.set(date, row);
    }
  }
  return seriesFromChanges(days, [...rows.values()], base);
}

describe('daily, weekly and monthly active users from changes', () => {
  it('counts a user on their day, in the 7 and in the 30 days after it', () => {
    const days = ['2026-03-07', '2026-03-08', '2026-03-30', '2026-03-31'].map(dayNumber);
    const range = Array.from({ length: 31 }, (_, index) => dateOfDayNumber(dayNumber('2026-03-01') + index));
    const series = seriesAfterAdding([[dayNumber('2026-03-01')]], range, new SeededRandom(1));
    const at = (day: number) => series.find((entry) => entry.day === dateOfDayNumber(day));
    expect(at(dayNumber('2026-03-01'))).toMatchObject({ dau: 1, wau: 1, mau: 1 });
    expect(at(days[0] as number)).toMatchObject({ dau: 0, wau: 1, mau: 1 }); // 7 March: still in the week
    expect(at(days[1] as number)).toMatchObject({ dau: 0, wau: 0, mau: 1 }); // 8 March: the week has passed
    expect(at(days[2] as number)).toMatchObject({ dau: 0, wau: 0, mau: 1 }); // 30 March: day 30 of the month window
    expect(at(days[3] as number)).toMatchObject({ dau: 0, wau: 0, mau: 0 });
  });

  it('equals counting distinct users in each window, whatever the order the days arrive in', () => {
    const random = new SeededRandom(5);
    const start = dayNumber('2026-01-01');
    const users = Array.from({ length: 12 }, () => {
      const days = new Set<number>();
      const count = random.int(0, 25);
      for (let index = 0; index < count; index++) days.add(start + random.int(0, 120));
      return [...days];
    });
    const range = Array.from({ length: 60 }, (_, index) => dateOfDayNumber(start + 50 + index));
    const activeWithin = (day: number, window: number) =>
      users.filter((userDays) => userDays.some((active) => active <= day && active > day - window)).length;
    expect(seriesAfterAdding(users, range, random)).toEqual(
      range.map((date) => {
        const day = dayNumber(date);
        return { day: date, dau: activeWithin(day, 1), wau: activeWithin(day, 7), mau: activeWithin(day, 30) };
      }),
    );
  });
});
