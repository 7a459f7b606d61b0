import type { LicensePage } from '../../../contract/licenses';
import { api } from '../../lib/api';

export function listUserLicenses(userId: string, signal?: AbortSignal): Promise<LicensePage> {
  return api.get(`/users/${encodeURIComponent(userId)}/licenses`, { signal });
}

export function listMyLicenses(signal?: AbortSignal): Promise<LicensePage> {
  return api.get('/me/licenses', { signal });
}
