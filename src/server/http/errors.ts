import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';

/**
 * The one error type code below a route throws. `code` is stable (clients switch on
 * it); it becomes the problem `type` `/problems/<code>` (RFC 9457).
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

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'Stable URI reference naming the kind of problem, e.g. /problems/not-found' }),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable machine-readable code, the last segment of `type`.' }),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', title: 'Problem (RFC 9457)' },
);
export type Problem = Static<typeof ProblemSchema>;

export const notFound = (what = 'Resource') => new AppError(404, 'not-found', `${what} not found`);

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const body: Problem = {
    type: `/problems/${error.code}`,
    title: error.title,
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.extra.errors ? { errors: error.extra.errors } : {}),
  };
  for (const [name, value] of Object.entries(error.extra.headers ?? {})) reply.header(name, value);
  // Serialized by hand: the route's response schema must not filter a problem body.
  return reply
    .code(error.status)
    .type('application/problem+json; charset=utf-8')
    .serializer((payload) => JSON.stringify(payload))
    .send(body);
}

/** Maps Fastify's own errors (validation, body limits, bad JSON) to problems; hides 5xx details. */
export function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const errors = fastifyError.validation.map((issue) => ({
      path: `${fastifyError.validationContext ?? 'request'}${issue.instancePath || ''}`,
      message: describeValidationIssue(issue),
    }));
    return new AppError(400, 'invalid-request', 'The request is not valid', errors.map(formatIssue).join('; '), {
      errors,
    });
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'payload-too-large', 'Request body too large', fastifyError.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(415, 'unsupported-media-type', 'Unsupported media type', 'Send application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'invalid-json', 'Empty JSON body', 'The body is empty but says it is JSON.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(400, 'invalid-json', 'Malformed JSON body', fastifyError.message);
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    if (error instanceof SyntaxError) return new AppError(400, 'invalid-json', 'Malformed JSON body', error.message);
    return new AppError(status, 'bad-request', error.message || 'Bad request');
  }
  return new AppError(500, 'internal', 'Internal server error', 'Something went wrong on our side; it was logged.');
}

function formatIssue(issue: FieldError): string {
  return `${issue.path}: ${issue.message}`;
}

type ValidationIssue = NonNullable<FastifyError['validation']>[number];

function describeValidationIssue(issue: ValidationIssue): string {
  const params = issue.params as Record<string, unknown>;
  if (issue.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `must be one of ${params.allowedValues.join(', ')}`;
  }
  if (issue.keyword === 'required' && typeof params.missingProperty === 'string') {
    return `${params.missingProperty} is required`;
  }
  return issue.message ?? 'is not valid';
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const problem = toAppError(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem);
  });
}
