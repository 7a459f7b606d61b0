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
    readonly extra: { headers?: Record<string, string>; errors?: FieldError[] } = {},
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
