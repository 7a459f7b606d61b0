import type { Role } from '../../../contract/auth';
import type {
  CreateUserBody,
  CreateUserResponse,
  DeactivateBody,
  Invitation,
  PatchUserBody,
  ReissueInvitationResponse,
  User,
  UserPage,
} from '../../../contract/users';
import { api, toQueryString } from '../../lib/api';
import type { UserListFilters } from './users.types';

export const USERS_PAGE_SIZE = 50;

export function listUsers(filters: UserListFilters, cursor: string | null, signal?: AbortSignal): Promise<UserPage> {
  const query = toQueryString({ ...filters, cursor, limit: USERS_PAGE_SIZE });
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

export function createUser(input: CreateUserBody & { role: Role }): Promise<CreateUserResponse> {
  return api.post('/users', input);
}

export function updateUser(id: string, patch: PatchUserBody): Promise<User> {
  return api.patch(`/users/${encodeURIComponent(id)}`, patch);
}

export function deactivateUser(id: string, input: DeactivateBody): Promise<User> {
  return api.post(`/users/${encodeURIComponent(id)}/deactivate`, input);
}

export function reactivateUser(id: string): Promise<User> {
  return api.post(`/users/${encodeURIComponent(id)}/reactivate`);
}

export async function renewInvitation(id: string): Promise<Invitation> {
  const answer = await api.post<ReissueInvitationResponse>(`/users/${encodeURIComponent(id)}/invitation`);
  return answer.invitation;
}
