import type { QueryValue } from '../../lib/api';
import type { ActivityFilters } from './activity.types';
import { dayRangeToInstants } from './date-range';

/** The query parameters `/activity` takes for these filters (empty ones left out later by the URL builder). */
export function toActivityQuery(filters: ActivityFilters): Record<string, QueryValue> {
  const { from, to } = dayRangeToInstants(filters.range[0], filters.range[1]);
  return {
    from,
    to,
    outcome: filters.outcome,
    deviceType: filters.deviceType,
    country: filters.country,
    type: filters.type,
    app: filters.app,
  };
}

export function hasActiveFilters(filters: ActivityFilters): boolean {
  return Boolean(
    filters.range[0] ||
      filters.range[1] ||
      filters.outcome ||
      filters.deviceType ||
      filters.country ||
      filters.type ||
      filters.app,
  );
}
