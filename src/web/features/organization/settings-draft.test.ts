import { describe, expect, it } from 'vitest';
import type { OrganizationSettings } from '../../../contract/organization';
import { checkSettingsDraft, settingsPatch, toSettingsDraft } from '../organization/settings-draft';

const saved: OrganizationSettings = {
  id: 'org-1',
  name: 'Acme',
  timeZone: 'Europe/Berlin',
  inactivityDays: 30,
  underuseDays: 30,
  reportsRecount: null,
};

describe('settingsPatch', () => {
  it('is empty while nothing changed, whitespace around the name included', () => {
    expect(settingsPatch(saved, toSettingsDraft(saved))).toEqual({});
    expect(settingsPatch(saved, { ...toSettingsDraft(saved), name: '  Acme ' })).toEqual({});
  });

  it('carries only the fields that changed, the name trimmed and the thresholds as numbers', () => {
    const draft = { ...toSettingsDraft(saved), name: ' Acme Ltd ', underuseDays: '45' };
    expect(settingsPatch(saved, draft)).toEqual({ name: 'Acme Ltd', underuseDays: 45 });
    expect(settingsPatch(saved, { ...toSettingsDraft(saved), timeZone: 'UTC' })).toEqual({ timeZone: 'UTC' });
  });

  it('counts an emptied threshold as a change, for the check to refuse', () => {
    expect(Object.keys(settingsPatch(saved, { ...toSettingsDraft(saved), inactivityDays: '' }))).toEqual([
      'inactivityDays',
    ]);
  });
});

describe('checkSettingsDraft', () => {
  it('accepts the saved settings and the bounds 1 and 3650', () => {
    expect(checkSettingsDraft(toSettingsDraft(saved))).toEqual({});
    expect(checkSettingsDraft({ ...toSettingsDraft(saved), inactivityDays: 1, underuseDays: '3650' })).toEqual({});
  });

  it('refuses thresholds that are empty, out of bounds or not whole, each on its field', () => {
    for (const days of [0, 3651, 7.5, '', 'abc', -3]) {
      const errors = checkSettingsDraft({ ...toSettingsDraft(saved), inactivityDays: days });
      expect(Object.keys(errors)).toEqual(['inactivityDays']);
      expect(errors.inactivityDays).toMatch(/1 to 3650/);
    }
  });

  it('refuses a blank or over-long name and a missing time zone', () => {
    const errors = checkSettingsDraft({ ...toSettingsDraft(saved), name: '   ', timeZone: '' });
    expect(Object.keys(errors).sort()).toEqual(['name', 'timeZone']);
    expect(checkSettingsDraft({ ...toSettingsDraft(saved), name: 'x'.repeat(201) }).name).toMatch(/200/);
  });
});
