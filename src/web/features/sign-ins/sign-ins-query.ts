import type { QueryValue } from '../../lib/api';
import { dayRangeToInstants } from '../activity/date-range';
import type { SignInFilters } from './sign-ins.types';

/** The query parameters `/sign-ins` takes for these filters (empty ones left out later by the URL builder). */
export function toSignInsQuery(filters: SignInFilters): Record<string, QueryValue> {
  const { from, to } = dayRangeToInstants(filters.range[0], filters.range[1]);
  return {
    user: filters.user,
    ip: filters.ip,
    app: filters.app,
    outcome: filters.outcome,
    failureReason: filters.failureReason,
    country: filters.country,
    deviceType: filters.deviceType,
    from,
    to,
  };
}
