import type { AuditEntryPage } from '../../../contract/audit-log';
import type { UserPage } from '../../../contract/users';
import { api, apiUrl, type QueryValue, toQueryString } from '../../lib/api';
import { viewerTimeZone } from '../../lib/format-date';

export const AUDIT_LOG_PAGE_SIZE = 50;

export function fetchAuditLogPage(
  query: Record<string, QueryValue>,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<AuditEntryPage> {
  return api.get(`/audit-log${toQueryString({ ...query, cursor, limit: AUDIT_LOG_PAGE_SIZE })}`, { signal });
}

/** Every row matching the filters as a CSV download (itself recorded), with a column in the viewer's zone. */
export function auditLogCsvUrl(query: Record<string, QueryValue>): string {
  return apiUrl('/audit-log', { ...query, format: 'csv', tz: viewerTimeZone() });
}

/** The organization's owners, active or not: the people whose actions the log can be filtered by. */
export function fetchOwners(signal?: AbortSignal): Promise<UserPage> {
  return api.get(`/users${toQueryString({ role: 'owner', limit: 200, sort: 'name', order: 'asc' })}`, { signal });
}
