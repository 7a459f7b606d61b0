import { api } from '../../lib/api';
import type { OrganizationSettings, OrganizationSettingsPatch } from './settings.types';

export function fetchOrganizationSettings(signal?: AbortSignal): Promise<OrganizationSettings> {
  return api.get('/organization', { signal });
}

/** Answers the settings now in force. A new time zone recounts every report's days first: seconds, for big organizations. */
export function updateOrganizationSettings(patch: OrganizationSettingsPatch): Promise<OrganizationSettings> {
  return api.patch('/organization', patch);
}
