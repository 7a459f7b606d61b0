import { describe, expect, it } from 'vitest';
import { activityCsvFileName } from './activity-csv.ts';

// 23:30 UTC on 1 December: already 2 December in Berlin.
const NOW = Date.parse('2026-12-01T23:30:00Z');

describe('the Activity export’s file name', () => {
  it('names the first and last day picked, in the zone of the file’s local-time column', () => {
    // The console sends Berlin's local midnights, the end exclusive: 1 to 30 November.
    const filters = { from: Date.parse('2026-10-31T23:00:00Z'), to: Date.parse('2026-11-30T23:00:00Z') };
    expect(activityCsvFileName('ana@example.com', filters, 'Europe/Berlin', NOW)).toBe(
      'activity-ana_example.com-2026-11-01-to-2026-11-30.csv',
    );
    // Read in UTC (no zone asked for), the same instants fall on other days.
    expect(activityCsvFileName('ana@example.com', filters, undefined, NOW)).toBe(
      'activity-ana_example.com-2026-10-31-to-2026-11-30.csv',
    );
  });

  it('ends an open range today, and says "as of" today when nothing was filtered', () => {
    const from = Date.parse('2026-11-15T00:00:00Z');
    expect(activityCsvFileName('me', { from }, 'UTC', NOW)).toBe('activity-me-2026-11-15-to-2026-12-01.csv');
    expect(activityCsvFileName('me', { to: from }, 'UTC', NOW)).toBe('activity-me-until-2026-11-14.csv');
    expect(activityCsvFileName('me', {}, 'Europe/Berlin', NOW)).toBe('activity-me-as-of-2026-12-02.csv');
  });
});
