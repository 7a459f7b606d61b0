import { describe, expect, it } from 'vitest';
import { emptyAlertFilters, readAlertFilters, toAlertsQuery, writeAlertFilters } from './alert-filters';

describe('the inbox filters in the address', () => {
  it('shows open alerts when the address names no status, and every alert for status=all', () => {
    expect(readAlertFilters(new URLSearchParams('')).status).toBe('open');
    const all = readAlertFilters(new URLSearchParams('status=all'));
    expect(toAlertsQuery(all).status).toBeNull();
  });

  it('drops values the API would refuse instead of sending them', () => {
    const filters = readAlertFilters(
      new URLSearchParams(`status=closed&type=bogus&severity=HIGH&user=${'x'.repeat(65)}`),
    );
    expect(filters).toEqual(emptyAlertFilters);
  });

  it('keeps the open drawer and leaves defaults out of the address', () => {
    const written = writeAlertFilters(new URLSearchParams('alert=a1&type=brute_force'), {
      ...emptyAlertFilters,
      severity: 'high',
    });
    expect(written.toString()).toBe('alert=a1&severity=high');
  });
});
