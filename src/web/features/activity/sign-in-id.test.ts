import { describe, expect, it } from 'vitest';
import { signInIdOf } from './sign-in-id';

describe('signInIdOf', () => {
  it('turns a login item’s id into the sign-in log’s id', () => {
    expect(signInIdOf({ id: 'login-1234', type: 'login' })).toBe('1234');
  });

  it('has none for app sessions or ids of another shape', () => {
    expect(signInIdOf({ id: 'session-7', type: 'app_session' })).toBeNull();
    expect(signInIdOf({ id: '1234', type: 'login' })).toBeNull();
    expect(signInIdOf({ id: 'login-12a', type: 'login' })).toBeNull();
  });
});
