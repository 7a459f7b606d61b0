import type { UserPlaces } from '../../../contract/sign-ins';
import { api } from '../../lib/api';

/** Where a user signed in successfully, grouped by place with counts, for the places map. */
export function fetchUserPlaces(userId: string, signal?: AbortSignal): Promise<UserPlaces> {
  return api.get(`/users/${encodeURIComponent(userId)}/places`, { signal });
}
