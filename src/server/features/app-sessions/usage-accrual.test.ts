import { describe, expect, it } from 'vitest';
import { accrueUsage, USAGE_FLUSH_MS } from './usage-accrual.ts';

const session = (countedUntil: number, timeZone = 'UTC') => ({
  org_id: 'org',
  user_id: 'user',
  app_key: 'designer',
  usage_counted_until: countedUntil,
  time_zone: timeZone,
});

describe('usage accrual', () => {
  const start = Date.UTC(2026, 2, 10, 9, 0, 0, 400);

  it('waits until 5 minutes are due, unless the session ends', () => {
    expect(accrueUsage(session(start), start + USAGE_FLUSH_MS - 1000, false)).toEqual({
      rows: [],
      countedUntil: start,
    });
    const forced = accrueUsage(session(start), start + 61_000, true);
    expect(forced.rows).toEqual([expect.objectContaining({ day: '2026-03-10', active_seconds: 61, sessions: 0 })]);
    expect(forced.countedUntil).toBe(start + 61_000);
  });

  it('adds up to the session’s exact length however it is cut', () => {
    const end = start + 3 * 3600_000 + 123_456;
    let counted = start;
    let total = 0;
    for (let at = start + 61_234; at < end; at += 59_877) {
      const accrued = accrueUsage(session(counted), at, false);
      total += accrued.rows.reduce((sum, row) => sum + row.active_seconds, 0);
      counted = accrued.countedUntil;
    }
    total += accrueUsage(session(counted), end, true).rows.reduce((sum, row) => sum + row.active_seconds, 0);
    expect(total).toBe(Math.floor(end / 1000) - Math.floor(start / 1000));
  });

  it('splits at local midnight in the organization’s zone, also across a DST change', () => {
    // Sydney leaves daylight time on 5 April 2026 at 03:00 (UTC+11 → UTC+10).
    const before = Date.parse('2026-04-04T23:30:00+11:00');
    const after = Date.parse('2026-04-05T00:45:00+11:00');
    const accrued = accrueUsage(session(before, 'Australia/Sydney'), after, false);
    expect(accrued.rows.map((row) => [row.day, row.active_seconds])).toEqual([
      ['2026-04-04', 30 * 60],
      ['2026-04-05', 45 * 60],
    ]);
    const overChange = accrueUsage(
      session(Date.parse('2026-04-05T01:00:00+11:00'), 'Australia/Sydney'),
      Date.parse('2026-04-05T04:00:00+10:00'),
      true,
    );
    // 01:00 to 04:00 on the clock, but 4 real hours: the clock went back an hour.
    expect(overChange.rows).toEqual([expect.objectContaining({ day: '2026-04-05', active_seconds: 4 * 3600 })]);
  });
});
