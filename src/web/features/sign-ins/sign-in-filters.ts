import { DEVICE_TYPES, FAILURE_REASONS } from '../../../contract/activity';
import { pickAllowed } from '../../lib/search-params';
import type { SignInFilters, SignInOutcome } from './sign-ins.types';

const outcomes: readonly SignInOutcome[] = ['success', 'failure'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY = /^[A-Za-z]{2}$/;
/** The API's bounds (src/contract): a longer value could only be refused. */
const MAX_IP_LENGTH = 64;
const MAX_ID_LENGTH = 64;
const MAX_APP_LENGTH = 100;

function text(value: string | null, maxLength: number): string | null {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= maxLength ? trimmed : null;
}

/**
 * The Sign-ins page's filters from its address (`?user=…&ip=203.0.113.0/24&outcome=failure&from=2026-11-01`).
 * A value the page cannot use (an unknown outcome, a malformed day) is dropped rather than sent to the API; the
 * address or network is kept as typed, for the server to judge and explain.
 */
export function readSignInFilters(params: URLSearchParams): SignInFilters {
  const day = (name: string) => {
    const value = params.get(name);
    return value && DAY.test(value) ? value : null;
  };
  const country = params.get('country');
  return {
    user: text(params.get('user'), MAX_ID_LENGTH),
    ip: text(params.get('ip'), MAX_IP_LENGTH),
    app: text(params.get('app'), MAX_APP_LENGTH),
    outcome: pickAllowed(params.get('outcome'), outcomes),
    failureReason: pickAllowed(params.get('failureReason'), FAILURE_REASONS),
    country: country && COUNTRY.test(country) ? country.toUpperCase() : null,
    deviceType: pickAllowed(params.get('deviceType'), DEVICE_TYPES),
    range: [day('from'), day('to')],
  };
}

/** `current` with the filters replaced by `filters` (empty ones removed); other parameters (`signIn`) are kept. */
export function writeSignInFilters(current: URLSearchParams, filters: SignInFilters): URLSearchParams {
  const next = new URLSearchParams(current);
  const values: Record<string, string | null> = {
    user: filters.user,
    ip: filters.ip?.trim() || null,
    app: filters.app,
    outcome: filters.outcome,
    failureReason: filters.failureReason,
    country: filters.country,
    deviceType: filters.deviceType,
    from: filters.range[0],
    to: filters.range[1],
  };
  for (const [key, value] of Object.entries(values)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/** How many filters are set (the date range counts once), for the phone's "Filters (3)" button. */
export function countActiveFilters(filters: SignInFilters): number {
  const { range, ...rest } = filters;
  return Object.values(rest).filter(Boolean).length + (range[0] || range[1] ? 1 : 0);
}
