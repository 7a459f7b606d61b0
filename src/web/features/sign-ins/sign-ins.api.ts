import type { SignInDetail, SignInPage } from '../../../contract/sign-ins';
import type { UserPage } from '../../../contract/users';
import { api, apiUrl, type QueryValue, toQueryString } from '../../lib/api';
import { viewerTimeZone } from '../../lib/format-date';

export const SIGN_INS_PAGE_SIZE = 50;

export function fetchSignInsPage(
  query: Record<string, QueryValue>,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<SignInPage> {
  return api.get(`/sign-ins${toQueryString({ ...query, cursor, limit: SIGN_INS_PAGE_SIZE })}`, { signal });
}

/** Every row matching the filters as a CSV download, with a column in the viewer's zone beside UTC. */
export function signInsCsvUrl(query: Record<string, QueryValue>): string {
  return apiUrl('/sign-ins', { ...query, format: 'csv', tz: viewerTimeZone() });
}

export function fetchSignIn(id: string, signal?: AbortSignal): Promise<SignInDetail> {
  return api.get(`/sign-ins/${encodeURIComponent(id)}`, { signal });
}

/** Users of any status (a deactivated user's old sign-ins matter too) whose name or email matches, for the picker. */
export const USER_SEARCH_LIMIT = 20;

export function searchUsers(query: string, signal?: AbortSignal): Promise<UserPage> {
  return api.get(`/users${toQueryString({ query, limit: USER_SEARCH_LIMIT, sort: 'name', order: 'asc' })}`, {
    signal,
  });
}
