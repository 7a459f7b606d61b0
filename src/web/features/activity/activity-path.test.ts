import { describe, expect, it } from 'vitest';
import { userIdOfActivityPath } from './activity-path';

describe('userIdOfActivityPath', () => {
  it('finds the user of an owner’s view', () => {
    expect(userIdOfActivityPath('/users/0b6f3c1e-6a53-4bfa-9f4e-2d2f8c1a7e10/activity')).toBe(
      '0b6f3c1e-6a53-4bfa-9f4e-2d2f8c1a7e10',
    );
    expect(userIdOfActivityPath('/users/a%20b/activity')).toBe('a b');
  });

  it('finds none for a member’s own view or anything else', () => {
    expect(userIdOfActivityPath('/me/activity')).toBeNull();
    expect(userIdOfActivityPath('/users//activity')).toBeNull();
    expect(userIdOfActivityPath('/users/%E0%A4%A/activity')).toBeNull();
  });
});
