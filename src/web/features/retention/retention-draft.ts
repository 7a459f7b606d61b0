import {
  type IpAnonymisationMode,
  type PatchPrivacySettingsBody,
  type PrivacySettings,
  RETENTION_BOUNDS,
} from '../../../contract/privacy-settings';

/** The form's values: number inputs hold '' while empty. */
export interface RetentionDraft {
  rawEventsDays: number | string;
  auditLogDays: number | string;
  mode: IpAnonymisationMode;
  afterDays: number | string;
}

export type RetentionField = 'rawEventsDays' | 'auditLogDays' | 'afterDays';
export type RetentionErrors = Partial<Record<RetentionField, string>>;

export function toRetentionDraft(settings: PrivacySettings): RetentionDraft {
  return {
    rawEventsDays: settings.rawEventsDays,
    auditLogDays: settings.auditLogDays,
    mode: settings.ipAnonymisation.mode,
    afterDays: settings.ipAnonymisation.afterDays,
  };
}

/** The fields that differ from what is saved (an empty patch: nothing to save). */
export function retentionPatch(settings: PrivacySettings, draft: RetentionDraft): PatchPrivacySettingsBody {
  const patch: PatchPrivacySettingsBody = {};
  if (Number(draft.rawEventsDays) !== settings.rawEventsDays || draft.rawEventsDays === '') {
    patch.rawEventsDays = Number(draft.rawEventsDays);
  }
  if (Number(draft.auditLogDays) !== settings.auditLogDays || draft.auditLogDays === '') {
    patch.auditLogDays = Number(draft.auditLogDays);
  }
  if (
    draft.mode !== settings.ipAnonymisation.mode ||
    Number(draft.afterDays) !== settings.ipAnonymisation.afterDays ||
    draft.afterDays === ''
  ) {
    patch.ipAnonymisation = { mode: draft.mode, afterDays: Number(draft.afterDays) };
  }
  return patch;
}

/** What the server would refuse, said on the field before sending. */
export function checkRetentionDraft(draft: RetentionDraft): RetentionErrors {
  const errors: RetentionErrors = {};
  for (const field of ['rawEventsDays', 'auditLogDays', 'afterDays'] as const) {
    const { minimum, maximum } = RETENTION_BOUNDS[field];
    const value = draft[field];
    if (value === '' || !Number.isInteger(Number(value)) || Number(value) < minimum || Number(value) > maximum) {
      errors[field] = `Enter a whole number of days from ${minimum} to ${maximum}.`;
    }
  }
  return errors;
}
