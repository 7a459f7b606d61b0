import { api, type Page } from '../../lib/api';
import type { License } from './licenses.types';

export function listUserLicenses(userId: string, signal?: AbortSignal): Promise<Page<License>> {
  return api.get(`/users/${encodeURIComponent(userId)}/licenses`, { signal });
}

export function listMyLicenses(signal?: AbortSignal): Promise<Page<License>> {
  return api.get('/me/licenses', { signal });
}
