import type { OrganizationSettings, PatchOrganizationBody } from '../../../contract/organization';

/** A threshold's bounds in days, both included, as the server checks them. */
export const MIN_THRESHOLD_DAYS = 1;
export const MAX_THRESHOLD_DAYS = 3650;
export const MAX_NAME_LENGTH = 200;

/** The form as typed: a number input holds '' while it is empty. */
export interface SettingsDraft {
  name: string;
  timeZone: string;
  inactivityDays: number | string;
  underuseDays: number | string;
}

export type SettingsField = keyof SettingsDraft;
export type SettingsErrors = Partial<Record<SettingsField, string>>;

const thresholds = ['inactivityDays', 'underuseDays'] as const;

export function toSettingsDraft(settings: OrganizationSettings): SettingsDraft {
  return {
    name: settings.name,
    timeZone: settings.timeZone,
    inactivityDays: settings.inactivityDays,
    underuseDays: settings.underuseDays,
  };
}

function isThreshold(value: number | string): boolean {
  const days = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  return Number.isInteger(days) && days >= MIN_THRESHOLD_DAYS && days <= MAX_THRESHOLD_DAYS;
}

/** What the server would refuse, said per field before asking it. */
export function checkSettingsDraft(draft: SettingsDraft): SettingsErrors {
  const errors: SettingsErrors = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'Enter the organization’s name';
  else if (name.length > MAX_NAME_LENGTH) errors.name = `Keep the name to ${MAX_NAME_LENGTH} characters or fewer`;
  if (!draft.timeZone) errors.timeZone = 'Choose a time zone';
  for (const key of thresholds) {
    if (!isThreshold(draft[key])) {
      errors[key] = `Enter a whole number of days from ${MIN_THRESHOLD_DAYS} to ${MAX_THRESHOLD_DAYS}`;
    }
  }
  return errors;
}

/** The fields that differ from the saved settings (the name compared trimmed): the PATCH body, empty when unchanged. */
export function settingsPatch(saved: OrganizationSettings, draft: SettingsDraft): PatchOrganizationBody {
  const patch: PatchOrganizationBody = {};
  const name = draft.name.trim();
  if (name !== saved.name) patch.name = name;
  if (draft.timeZone !== saved.timeZone) patch.timeZone = draft.timeZone;
  for (const key of thresholds) {
    if (String(draft[key]).trim() !== String(saved[key])) patch[key] = Number(draft[key]);
  }
  return patch;
}
