import type { OrganizationSettings, PatchOrganizationBody } from '../../../contract/organization';
import { api } from '../../lib/api';

export function fetchOrganizationSettings(signal?: AbortSignal): Promise<OrganizationSettings> {
  return api.get('/organization', { signal });
}

/** Answers the settings now in force at once; a new time zone's recount of the reports runs on (`reportsRecount`). */
export function updateOrganizationSettings(patch: PatchOrganizationBody): Promise<OrganizationSettings> {
  return api.patch('/organization', patch);
}
