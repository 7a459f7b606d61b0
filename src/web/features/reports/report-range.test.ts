import { describe, expect, it } from 'vitest';
import { addDays, countDays, isDay, presetRange, rangeProblem, resolveRange, todayIn } from './report-range';

describe('todayIn', () => {
  it('is the calendar day in the organization’s zone, not the viewer’s', () => {
    const now = new Date('2025-03-09T23:30:00Z');
    expect(todayIn('UTC', now)).toBe('2025-03-09');
    expect(todayIn('Europe/Berlin', now)).toBe('2025-03-10');
    expect(todayIn('America/Los_Angeles', now)).toBe('2025-03-09');
    expect(todayIn('Pacific/Kiritimati', new Date('2025-03-09T10:30:00Z'))).toBe('2025-03-10');
  });

  it('falls back to the viewer’s day for a zone Intl does not know', () => {
    expect(todayIn('Not/AZone', new Date('2025-06-15T12:00:00Z'))).toMatch(/^2025-06-1[456]$/);
  });
});

describe('addDays and presetRange', () => {
  it('moves across months, leap days and daylight-saving changes by whole days', () => {
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-03-30', 1)).toBe('2025-03-31');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('covers the last N days, today included', () => {
    expect(presetRange(7, '2025-03-10')).toEqual({ from: '2025-03-04', to: '2025-03-10' });
    expect(presetRange(30, '2025-03-10')).toEqual({ from: '2025-02-09', to: '2025-03-10' });
    expect(presetRange(365, '2025-03-10')).toEqual({ from: '2024-03-11', to: '2025-03-10' });
    expect(countDays(presetRange(90, '2025-03-10'))).toBe(90);
  });
});

describe('resolveRange', () => {
  const today = '2025-03-10';
  const none = { range: null, from: null, to: null };

  it('follows a preset, which moves with today', () => {
    expect(resolveRange({ ...none, range: '7' }, today)).toEqual({ preset: 7, from: '2025-03-04', to: today });
    expect(resolveRange({ ...none, range: '90' }, '2025-04-01').from).toBe('2025-01-02');
  });

  it('keeps fixed custom days', () => {
    expect(resolveRange({ range: null, from: '2025-01-01', to: '2025-01-31' }, today)).toEqual({
      preset: null,
      from: '2025-01-01',
      to: '2025-01-31',
    });
  });

  it('falls back to the last 30 days for anything else', () => {
    const fallback = { preset: 30, from: '2025-02-09', to: today };
    expect(resolveRange(none, today)).toEqual(fallback);
    expect(resolveRange({ ...none, range: '14' }, today)).toEqual(fallback);
    expect(resolveRange({ range: null, from: '2025-02-30', to: '2025-03-01' }, today)).toEqual(fallback);
    expect(resolveRange({ range: null, from: '2025-03-02', to: '2025-03-01' }, today)).toEqual(fallback);
    expect(resolveRange({ range: null, from: '2025-03-01', to: null }, today)).toEqual(fallback);
  });
});

describe('isDay and rangeProblem', () => {
  it('accepts real days only', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2025-3-1')).toBe(false);
    expect(isDay(null)).toBe(false);
  });

  it('refuses reversed ranges and ranges longer than three years', () => {
    expect(rangeProblem({ from: '2025-03-02', to: '2025-03-01' })).toMatch(/before/);
    expect(rangeProblem({ from: '2022-01-01', to: '2024-12-31' })).toBeNull();
    expect(rangeProblem({ from: '2022-01-01', to: addDays('2022-01-01', 1097) })).toBeNull();
    expect(rangeProblem({ from: '2022-01-01', to: addDays('2022-01-01', 1098) })).toMatch(/1098 days/);
  });
});
