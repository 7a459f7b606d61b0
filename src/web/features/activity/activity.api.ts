import type { ActivityPage } from '../../../contract/activity';
import { api, apiUrl, type QueryValue, toQueryString } from '../../lib/api';
import { viewerTimeZone } from '../../lib/format-date';

export const ACTIVITY_PAGE_SIZE = 50;

/** `path` is `/me/activity` or `/users/{id}/activity`; both answer the same shape. */
export function fetchActivityPage(
  path: string,
  query: Record<string, QueryValue>,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<ActivityPage> {
  return api.get(`${path}${toQueryString({ ...query, cursor, limit: ACTIVITY_PAGE_SIZE })}`, { signal });
}

/**
 * Same filters as the table, as a CSV download; the browser sends the session cookie with the link.
 * `tz` adds a column in the viewer's local time next to the UTC one.
 */
export function activityCsvUrl(path: string, query: Record<string, QueryValue>): string {
  return apiUrl(path, { ...query, format: 'csv', tz: viewerTimeZone() });
}
