import type { Static } from 'typebox';
import type { Alert, AlertDetailSchema, AlertPage, AlertStatus } from '../../../contract/security';
import type { SignIn } from '../../../contract/sign-ins';
import { api, type QueryValue, toQueryString } from '../../lib/api';

/** `items` are references in the schema; the server answers them whole. */
export type AlertPageResponse = Omit<Static<typeof AlertPage>, 'items'> & { items: Alert[] };
/** `alert` and `signIns` are references in the schema; the server answers them whole. */
export type AlertDetailResponse = Omit<Static<typeof AlertDetailSchema>, 'alert' | 'signIns'> & {
  alert: Alert;
  signIns: SignIn[];
};

/** Alerts per page of the inbox; the server allows up to 100. */
export const ALERTS_PAGE_SIZE = 50;

export function fetchAlertsPage(
  query: Record<string, QueryValue>,
  cursor: string | null,
  limit = ALERTS_PAGE_SIZE,
  signal?: AbortSignal,
): Promise<AlertPageResponse> {
  return api.get(`/alerts${toQueryString({ ...query, cursor, limit })}`, { signal });
}

export function fetchAlert(id: string, signal?: AbortSignal): Promise<AlertDetailResponse> {
  return api.get(`/alerts/${encodeURIComponent(id)}`, { signal });
}

/** Answers the alert with its evidence and history as they are after the change. */
export function changeAlertStatus(input: {
  id: string;
  status: AlertStatus;
  note?: string;
}): Promise<AlertDetailResponse> {
  const body = input.note ? { status: input.status, note: input.note } : { status: input.status };
  return api.patch(`/alerts/${encodeURIComponent(input.id)}`, body);
}
