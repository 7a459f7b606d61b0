/**
 * The one error type code below a route throws. `code` is stable (clients switch on
 * it); the route layer renders it as the problem `type` `/problems/<code>` (RFC 9457,
 * http/errors.ts). `status` is the HTTP status it answers with: a use case decides
 * what kind of failure it is, the route layer how it is sent.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: {
      headers?: Record<string, string>;
      errors?: FieldError[];
      /** Extension members of the problem (RFC 9457 §3.2), e.g. `retryAfterSeconds`; never override the standard ones. */
      members?: Record<string, string | number | boolean | null>;
    } = {},
  ) {
    super(detail ?? title);
    this.name = 'AppError';
  }
}

export interface FieldError {
  path: string;
  message: string;
}

export const notFound = (what = 'Resource') => new AppError(404, 'not-found', `${what} not found`);

/** A wait in words: "40 seconds" under a minute and a half, else whole minutes. */
export function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * 429 with Retry-After in whole seconds (at least 1); `detail` receives the wait in words. Every
 * throttle and brake answers through it, so they all say how long in the same way.
 */
export function tooManyRequests(
  code: string,
  title: string,
  detail: (wait: string) => string,
  retryAfterMs: number,
): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError(429, code, title, detail(formatWait(seconds)), {
    headers: { 'Retry-After': String(seconds) },
  });
}
