import type { Role } from '../../../contract/auth';
import type {
  BulkAssignSeatResult,
  BulkDeactivateBody,
  BulkDeactivateResult,
  BulkSeatBody,
  BulkUnassignSeatResult,
  ImportUsersResult,
} from '../../../contract/bulk-users';
import type {
  CreateUserBody,
  CreateUserResponse,
  DeactivateBody,
  Invitation,
  PatchUserBody,
  ReactivatedUser,
  ReissueInvitationResponse,
  ReleasedSeatPage,
  User,
  UserPage,
} from '../../../contract/users';
import { API_BASE, ApiError, api, type Problem, toQueryString } from '../../lib/api';
import { lastActiveBefore } from './last-active';
import type { UserListFilters } from './users.types';

export const USERS_PAGE_SIZE = 50;

export function listUsers(filters: UserListFilters, cursor: string | null, signal?: AbortSignal): Promise<UserPage> {
  const { lastActive, ...rest } = filters;
  const query = toQueryString({
    ...rest,
    lastActiveBefore: lastActiveBefore(lastActive),
    cursor,
    limit: USERS_PAGE_SIZE,
  });
  return api.get(`/users${query}`, { signal });
}

/** Up to 200 active users whose name or email matches, for pickers (assigning a seat). */
export const ACTIVE_USERS_SEARCH_LIMIT = 200;

export function searchActiveUsers(query: string, signal?: AbortSignal): Promise<UserPage> {
  return api.get(`/users${toQueryString({ status: 'active', limit: ACTIVE_USERS_SEARCH_LIMIT, query })}`, { signal });
}

export function fetchUser(id: string, signal?: AbortSignal): Promise<User> {
  return api.get(`/users/${encodeURIComponent(id)}`, { signal });
}

/** With a subscriptionId, the seat is given in the same step: 409 (no-free-seat, subscription-expired) adds nobody. */
export function createUser(input: CreateUserBody & { role: Role }): Promise<CreateUserResponse> {
  return api.post('/users', input);
}

export function updateUser(id: string, patch: PatchUserBody): Promise<User> {
  return api.patch(`/users/${encodeURIComponent(id)}`, patch);
}

export function deactivateUser(id: string, input: DeactivateBody): Promise<User> {
  return api.post(`/users/${encodeURIComponent(id)}/deactivate`, input);
}

/** With restoreSeats, the seats deactivation freed come back where one is still free (the answer says which). */
export function reactivateUser(id: string, restoreSeats = false): Promise<ReactivatedUser> {
  return api.post(`/users/${encodeURIComponent(id)}/reactivate`, { restoreSeats });
}

export function listReleasedSeats(id: string, signal?: AbortSignal): Promise<ReleasedSeatPage> {
  return api.get(`/users/${encodeURIComponent(id)}/released-seats`, { signal });
}

/** All or nothing: 409 not-enough-seats or user-deactivated assigns nobody. */
export function assignSeatInBulk(body: BulkSeatBody): Promise<BulkAssignSeatResult> {
  return api.post('/users/bulk/assign-seat', body);
}

export function unassignSeatInBulk(body: BulkSeatBody): Promise<BulkUnassignSeatResult> {
  return api.post('/users/bulk/unassign-seat', body);
}

/** All or nothing: 409 last-owner when the selection holds every owner who can sign in. */
export function deactivateInBulk(body: BulkDeactivateBody): Promise<BulkDeactivateResult> {
  return api.post('/users/bulk/deactivate', body);
}

/** dryRun: the preview; otherwise 201 with every user added, or a 409 problem and nobody added. */
export function importUsers(csv: string, dryRun: boolean): Promise<ImportUsersResult> {
  return api.post('/users/import', { csv, dryRun });
}

/**
 * The selected users as a CSV file, saved by the browser. A POST (500 ids do not fit in an address), so the
 * file is fetched here and handed over as a download; a problem answer is thrown like any API error.
 */
export async function downloadUsersCsv(userIds: string[], csrfToken: string): Promise<void> {
  const response = await fetch(`${API_BASE}/users/bulk/export?format=csv`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken, Accept: 'text/csv' },
    credentials: 'same-origin',
    body: JSON.stringify({ userIds }),
  });
  if (!response.ok) {
    let problem: Problem = { title: response.statusText || 'The export failed', status: response.status };
    try {
      const body = (await response.json()) as Partial<Problem> | null;
      if (body && typeof body.title === 'string') problem = { ...problem, ...body };
    } catch {
      // Not a problem document (a proxy's page): the status line says what there is to say.
    }
    throw new ApiError(problem, null);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'users.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function renewInvitation(id: string): Promise<Invitation> {
  const answer = await api.post<ReissueInvitationResponse>(`/users/${encodeURIComponent(id)}/invitation`);
  return answer.invitation;
}
