import { describe, expect, it } from 'vitest';
import { findReport } from './report-catalogue';
import { parseDays, readReportParams, toReportQuery, writeReportParams } from './report-params';

const today = '2025-03-10';

describe('readReportParams', () => {
  it('reads the range and the options; days missing or wrong are null, the organization’s setting', () => {
    expect(readReportParams(new URLSearchParams('range=7&days=60&app=studio'), today)).toEqual({
      range: { preset: 7, from: '2025-03-04', to: today },
      days: 60,
      usedWithinDays: null,
      app: 'studio',
    });
    expect(readReportParams(new URLSearchParams('days=0&usedWithinDays=abc'), today)).toMatchObject({
      range: { preset: 30 },
      days: null,
      usedWithinDays: null,
      app: null,
    });
  });

  it('accepts whole days from 1 to 3650, 30 like any other', () => {
    expect(parseDays('1')).toBe(1);
    expect(parseDays('30')).toBe(30);
    expect(parseDays('3650')).toBe(3650);
    expect(parseDays('3651')).toBeNull();
    expect(parseDays('7.5')).toBeNull();
    expect(parseDays('-3')).toBeNull();
    expect(parseDays(null)).toBeNull();
  });
});

describe('writeReportParams', () => {
  it('writes presets as range, custom days as from/to, and leaves defaults out', () => {
    const start = new URLSearchParams('from=2025-01-01&to=2025-01-31&days=60');
    expect(writeReportParams(start, { range: 7 }).toString()).toBe('days=60&range=7');
    expect(writeReportParams(start, { range: 30, days: null }).toString()).toBe('');
    // 30 is no longer the server's default (the organization's setting is), so it is kept.
    expect(writeReportParams(start, { range: 30, days: 30 }).toString()).toBe('days=30');
    expect(
      writeReportParams(new URLSearchParams('range=90'), {
        range: { from: '2025-02-01', to: '2025-02-03' },
      }).toString(),
    ).toBe('from=2025-02-01&to=2025-02-03');
    expect(writeReportParams(new URLSearchParams('app=studio'), { app: null }).toString()).toBe('');
  });
});

describe('toReportQuery', () => {
  const params = readReportParams(new URLSearchParams('range=7&days=45&usedWithinDays=14&app=studio'), today);

  it('sends the range only to reports over a period, and only the options the report takes', () => {
    const range = { from: '2025-03-04', to: today };
    expect(toReportQuery(findReport('logins')!, params)).toEqual(range);
    expect(toReportQuery(findReport('inactive-users')!, params)).toEqual({ days: 45 });
    expect(toReportQuery(findReport('licenses')!, params)).toEqual({ usedWithinDays: 14 });
    expect(toReportQuery(findReport('app-usage')!, params)).toEqual({ ...range, app: 'studio' });
  });

  it('leaves out days the URL does not name, for the server to use the organization’s setting', () => {
    const unnamed = readReportParams(new URLSearchParams(''), today);
    expect(toReportQuery(findReport('inactive-users')!, unnamed)).toEqual({});
    expect(toReportQuery(findReport('underused-licenses')!, unnamed)).toEqual({});
    expect(toReportQuery(findReport('licenses')!, unnamed)).toEqual({});
  });
});
