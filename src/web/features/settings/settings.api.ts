import { api } from '../../lib/api';
import type { OrganizationSettings, OrganizationSettingsPatch } from './settings.types';

export function fetchOrganizationSettings(signal?: AbortSignal): Promise<OrganizationSettings> {
  return api.get('/organization', { signal });
}

/** Answers the settings now in force at once; a new time zone's recount of the reports runs on (`reportsRecount`). */
export function updateOrganizationSettings(patch: OrganizationSettingsPatch): Promise<OrganizationSettings> {
  return api.patch('/organization', patch);
}
