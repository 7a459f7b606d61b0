import { describe, expect, it } from 'vitest';
import { homePathFor, safeNextPath } from './home-path';

describe('homePathFor', () => {
  it('sends owners to the overview and members to their own activity', () => {
    expect(homePathFor('owner')).toBe('/overview');
    expect(homePathFor('member')).toBe('/me');
  });
});

describe('safeNextPath', () => {
  it('follows paths on this site only', () => {
    expect(safeNextPath('/users/abc/activity?x=1')).toBe('/users/abc/activity?x=1');
    expect(safeNextPath('//evil.example')).toBeNull();
    expect(safeNextPath('/\\evil.example')).toBeNull();
    expect(safeNextPath('https://evil.example')).toBeNull();
    expect(safeNextPath('/login?next=/me')).toBeNull();
    expect(safeNextPath(null)).toBeNull();
  });
});
