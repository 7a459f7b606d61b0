import { describe, expect, it } from 'vitest';
import type { PrivacySettings } from '../../../contract/privacy-settings';
import { checkRetentionDraft, retentionPatch, toRetentionDraft } from './retention-draft';

const SAVED: PrivacySettings = {
  rawEventsDays: 365,
  auditLogDays: 730,
  ipAnonymisation: { mode: 'never', afterDays: 30 },
  lastPurge: null,
  nextPurgeAt: '2026-01-01T00:17:00.000Z',
};

describe('the retention form', () => {
  it('sends only what changed, the anonymisation as a whole', () => {
    const draft = toRetentionDraft(SAVED);
    expect(retentionPatch(SAVED, draft)).toEqual({});
    expect(retentionPatch(SAVED, { ...draft, rawEventsDays: 90 })).toEqual({ rawEventsDays: 90 });
    expect(retentionPatch(SAVED, { ...draft, mode: 'after', afterDays: 7 })).toEqual({
      ipAnonymisation: { mode: 'after', afterDays: 7 },
    });
  });

  it('says which fields are out of bounds', () => {
    const draft = toRetentionDraft(SAVED);
    expect(checkRetentionDraft(draft)).toEqual({});
    expect(Object.keys(checkRetentionDraft({ ...draft, rawEventsDays: 0, auditLogDays: 29, afterDays: '' }))).toEqual([
      'rawEventsDays',
      'auditLogDays',
      'afterDays',
    ]);
    expect(checkRetentionDraft({ ...draft, rawEventsDays: 3651 }).rawEventsDays).toContain('1 to 3650');
  });
});
