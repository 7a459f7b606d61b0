import type { PatchPrivacySettingsBody, PrivacySettings } from '../../../contract/privacy-settings';
import { api } from '../../lib/api';

export const retentionKeys = { settings: ['organization', 'privacy'] as const };

export function fetchPrivacySettings(signal?: AbortSignal): Promise<PrivacySettings> {
  return api.get('/organization/privacy', { signal });
}

export function updatePrivacySettings(patch: PatchPrivacySettingsBody): Promise<PrivacySettings> {
  return api.patch('/organization/privacy', patch);
}
