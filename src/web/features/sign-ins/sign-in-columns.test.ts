import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_IN_COLUMNS, parseColumnChoice, toggleColumn } from './sign-in-columns';

describe('parseColumnChoice', () => {
  it('shows every column when nothing (or nothing readable) was stored', () => {
    expect(parseColumnChoice(null)).toEqual(DEFAULT_SIGN_IN_COLUMNS);
    expect(parseColumnChoice('not json')).toEqual(DEFAULT_SIGN_IN_COLUMNS);
    expect(parseColumnChoice('{"user":true}')).toEqual(DEFAULT_SIGN_IN_COLUMNS);
  });

  it('keeps the table’s order, ignores unknown columns and always shows the time', () => {
    expect(parseColumnChoice('["risk","user","gone",7]')).toEqual(['time', 'user', 'risk']);
    expect(parseColumnChoice('[]')).toEqual(['time']);
  });
});

describe('toggleColumn', () => {
  it('hides a shown column and shows it again in its place', () => {
    const hidden = toggleColumn(DEFAULT_SIGN_IN_COLUMNS, 'device');
    expect(hidden).not.toContain('device');
    expect(toggleColumn(hidden, 'device')).toEqual(DEFAULT_SIGN_IN_COLUMNS);
  });

  it('cannot hide the time', () => {
    expect(toggleColumn(['time', 'user'], 'time')).toEqual(['time', 'user']);
  });
});
