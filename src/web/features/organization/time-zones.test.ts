import { describe, expect, it } from 'vitest';
import { timeZoneOptions } from '../organization/time-zones';

describe('timeZoneOptions', () => {
  it('offers UTC first, once, and the zones with spaces for underscores', () => {
    const options = timeZoneOptions('UTC');
    expect(options[0]).toEqual({ value: 'UTC', label: 'UTC' });
    expect(options.filter((option) => option.value === 'UTC')).toHaveLength(1);
    expect(options).toContainEqual({ value: 'America/New_York', label: 'America/New York' });
  });

  it('keeps a saved zone that this browser does not list', () => {
    expect(timeZoneOptions('Etc/GMT+5').at(-1)).toEqual({ value: 'Etc/GMT+5', label: 'Etc/GMT+5' });
  });
});
