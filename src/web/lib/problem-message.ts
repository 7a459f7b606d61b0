import { ApiError } from './api';
import { formatWait } from './format-duration';

/** The sentence to show a person for a failed call: the server's detail, else its title. */
export function problemMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const text = error.problem.detail ?? error.problem.title;
    if (error.status === 429 && error.retryAfterSeconds !== null) {
      return `Too many attempts. Try again in ${formatWait(error.retryAfterSeconds)}.`;
    }
    return text;
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

/**
 * Per-field messages from a validation problem, keyed by the last segment of each error's path
 * (`/body/email`, `body.email` and `email` all become `email`).
 */
export function problemFieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  for (const item of error.problem.errors ?? []) {
    const field = item.path.split(/[/.]/).filter(Boolean).pop();
    if (field && !(field in result)) result[field] = item.message;
  }
  return result;
}

export function isApiError(error: unknown, status: number, code?: string): error is ApiError {
  return error instanceof ApiError && error.status === status && (code === undefined || error.code === code);
}
