import { describe, expect, it } from 'vitest';
import {
  formatCents,
  formatCount,
  formatDay,
  formatDayShort,
  formatHours,
  formatInstant,
  formatInstantOrNever,
  formatMonth,
} from './report-format';

describe('report formatting', () => {
  it('writes hours with one decimal', () => {
    expect(formatHours(12, 'en-US')).toBe('12.0 h');
    expect(formatHours(3.25, 'en-US')).toBe('3.3 h');
    expect(formatHours(1234.5, 'en-US')).toBe('1,234.5 h');
    expect(formatHours(0.04, 'de-DE')).toBe('0,0 h');
  });

  it('groups counts', () => {
    expect(formatCount(12345, 'en-US')).toBe('12,345');
  });

  it('turns cents into money with its currency, and says nothing it does not know', () => {
    expect(formatCents(123_450, 'EUR', 'en-US')).toBe('€1,234.50');
    expect(formatCents(999, 'USD', 'en-US')).toBe('$9.99');
    expect(formatCents(null, 'USD', 'en-US')).toBe('—');
    expect(formatCents(500, null, 'en-US')).toBe('—');
  });

  it('writes instants to the minute in the given zone, and “Never” for none', () => {
    expect(formatInstant('2025-03-01T13:05:59Z', 'en-GB', 'Europe/Berlin')).toBe('1 Mar 2025, 14:05');
    expect(formatInstant('2025-03-01T13:05:59Z', 'en-GB', 'America/New_York')).toBe('1 Mar 2025, 08:05');
    expect(formatInstantOrNever(null)).toBe('Never');
  });

  it('writes organization days and months as they are, whatever the viewer’s zone', () => {
    expect(formatDay('2025-03-01', 'en-GB')).toBe('1 Mar 2025');
    expect(formatDay('2024-12-31', 'en-US')).toBe('Dec 31, 2024');
    expect(formatDayShort('2025-03-30', 'en-GB')).toBe('30 Mar');
    expect(formatMonth('2025-01', 'en-GB')).toBe('Jan 2025');
  });
});
