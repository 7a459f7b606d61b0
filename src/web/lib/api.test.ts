import { describe, expect, it } from 'vitest';
import { ApiError, toQueryString } from './api';
import { problemFieldErrors, problemMessage } from './problem-message';

describe('toQueryString', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(toQueryString({ query: 'a b', role: null, status: undefined, cursor: '', limit: 50 })).toBe(
      '?query=a+b&limit=50',
    );
    expect(toQueryString({})).toBe('');
  });
});

describe('problemMessage', () => {
  it('prefers the detail, then the title', () => {
    expect(problemMessage(new ApiError({ title: 'Conflict', status: 409, detail: 'Email taken' }, null))).toBe(
      'Email taken',
    );
    expect(problemMessage(new ApiError({ title: 'Conflict', status: 409 }, null))).toBe('Conflict');
  });

  it('says how long to wait after too many attempts', () => {
    expect(problemMessage(new ApiError({ title: 'Too Many Requests', status: 429 }, 300))).toBe(
      'Too many attempts. Try again in 5 minutes.',
    );
  });
});

describe('problemFieldErrors', () => {
  it('keys messages by the last segment of the path', () => {
    const error = new ApiError(
      {
        title: 'Bad Request',
        status: 400,
        errors: [
          { path: '/body/email', message: 'must be an email' },
          { path: 'name', message: 'required' },
        ],
      },
      null,
    );
    expect(problemFieldErrors(error)).toEqual({ email: 'must be an email', name: 'required' });
  });
});
