import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/app-error.ts';
import { toAppError } from './errors.ts';

describe('problem mapping', () => {
  it('hides the details of an unexpected error behind a generic 500', () => {
    const problem = toAppError(new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2'));
    expect(problem).toMatchObject({ status: 500, code: 'internal' });
    expect(`${problem.title} ${problem.detail}`).not.toMatch(/ECONNREFUSED|hunter2|5432/);
  });

  it('keeps an AppError as it is', () => {
    const error = new AppError(409, 'email-taken', 'Email already in use');
    expect(toAppError(error)).toBe(error);
  });
});
