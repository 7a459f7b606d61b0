import {
  ALERT_SEVERITIES,
  ALERT_TYPES,
  type AlertSeverity,
  type AlertStatus,
  type AlertType,
} from '../../../contract/security';
import type { QueryValue } from '../../lib/api';
import { pickAllowed } from '../../lib/search-params';

/** The inbox's status tab: one status, or every alert. */
export type StatusTab = AlertStatus | 'all';
export const STATUS_TABS: readonly StatusTab[] = ['open', 'acknowledged', 'resolved', 'all'];

export interface AlertFilters {
  status: StatusTab;
  type: AlertType | null;
  severity: AlertSeverity | null;
  /** A user id. */
  user: string | null;
}

export const emptyAlertFilters: AlertFilters = { status: 'open', type: null, severity: null, user: null };

/** The API's bound on an id: a longer one could only be refused. */
const MAX_ID_LENGTH = 64;

/**
 * The inbox's filters from its address (`?status=resolved&type=impossible_travel&user=…`); without `status` the
 * inbox shows what needs a look (open). A value the page cannot use is dropped rather than sent to the API.
 */
export function readAlertFilters(params: URLSearchParams): AlertFilters {
  const user = params.get('user')?.trim();
  return {
    status: pickAllowed(params.get('status'), STATUS_TABS) ?? 'open',
    type: pickAllowed(params.get('type'), ALERT_TYPES),
    severity: pickAllowed(params.get('severity'), ALERT_SEVERITIES),
    user: user && user.length <= MAX_ID_LENGTH ? user : null,
  };
}

/** `current` with the filters replaced (defaults left out); other parameters (`alert`) are kept. */
export function writeAlertFilters(current: URLSearchParams, filters: AlertFilters): URLSearchParams {
  const next = new URLSearchParams(current);
  const values: Record<string, string | null> = {
    status: filters.status === 'open' ? null : filters.status,
    type: filters.type,
    severity: filters.severity,
    user: filters.user,
  };
  for (const [key, value] of Object.entries(values)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

/** Filters other than the status tab that are set. */
export function countAlertFilters(filters: AlertFilters): number {
  return [filters.type, filters.severity, filters.user].filter(Boolean).length;
}

/** The query `/alerts` takes for these filters; `all` sends no status. */
export function toAlertsQuery(filters: AlertFilters): Record<string, QueryValue> {
  return {
    status: filters.status === 'all' ? null : filters.status,
    type: filters.type,
    severity: filters.severity,
    user: filters.user,
  };
}
