import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DATE_SPAN_TEXT } from '../../common/date-span.ts';
import type { Problem } from '../../contract/problem.ts';
import {
  classifyDatabaseError,
  DATABASE_BUSY_RETRY_AFTER_S,
  DATABASE_UNAVAILABLE_RETRY_AFTER_S,
  type DatabaseFailure,
} from '../db/errors.ts';
import { AppError, type FieldError } from '../lib/app-error.ts';

function problemBody(error: AppError): Problem {
  return {
    ...error.extra.members,
    type: `/problems/${error.code}`,
    title: error.title,
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.extra.errors ? { errors: error.extra.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  // A 5xx names its request, so the user can quote it and the operator find its log lines.
  const body = { ...problemBody(error), ...(error.status >= 500 ? { requestId: String(reply.request.id) } : {}) };
  for (const [name, value] of Object.entries(error.extra.headers ?? {})) reply.header(name, value);
  // Serialized by hand: the route's response schema must not filter a problem body.
  return reply
    .code(error.status)
    .type('application/problem+json; charset=utf-8')
    .serializer((payload) => JSON.stringify(payload))
    .send(body);
}

/** Codes of 4xx answers raised by Fastify or its plugins rather than by our code. */
const CLIENT_ERROR_CODES: Record<number, string> = {
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  408: 'request-timeout',
  411: 'length-required',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  416: 'range-not-satisfiable',
  431: 'headers-too-large',
};

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
    case 'FST_ERR_BAD_URL':
      // The message repeats the path, which may hold a token: it stays out of the answer.
      return new AppError(400, 'invalid-url', 'Malformed URL', 'The path is not valid percent-encoded UTF-8.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError(414, 'uri-too-long', 'URI too long', 'A path segment is longer than any id or token.');
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    if (error instanceof SyntaxError) return new AppError(400, 'invalid-json', 'Malformed JSON body', error.message);
    return new AppError(status, CLIENT_ERROR_CODES[status] ?? 'bad-request', error.message || 'Bad request');
  }
  const databaseFailure = classifyDatabaseError(error);
  if (databaseFailure) return databaseProblem(databaseFailure);
  return new AppError(500, 'internal', 'Internal server error', 'Something went wrong on our side; it was logged.');
}

/** A database that is away or a transaction that lost a race: 503 with Retry-After, nothing committed. */
function databaseProblem(failure: DatabaseFailure): AppError {
  return failure === 'unavailable'
    ? new AppError(
        503,
        'database-unavailable',
        'Database unavailable',
        `The database does not answer, so the request may not have been saved. Try again in ${DATABASE_UNAVAILABLE_RETRY_AFTER_S} seconds.`,
        { headers: { 'Retry-After': String(DATABASE_UNAVAILABLE_RETRY_AFTER_S) } },
      )
    : new AppError(
        503,
        'database-busy',
        'Database busy',
        'The request met a concurrent change and was rolled back. Try again.',
        { headers: { 'Retry-After': String(DATABASE_BUSY_RETRY_AFTER_S) } },
      );
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
  if (issue.keyword === 'format' && params.format === 'date-time') {
    return `must be an ISO 8601 date-time with an offset (e.g. 2024-05-01T00:00:00Z), a real instant from ${DATE_SPAN_TEXT}`;
  }
  if (issue.keyword === 'format' && params.format === 'date') {
    return `must be a calendar date as YYYY-MM-DD, from ${DATE_SPAN_TEXT}`;
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

/**
 * Fastify's `frameworkErrors`: errors raised before routing (a path that is not valid
 * percent-encoding, an over-long path parameter) answer a problem like every other error.
 */
export function sendFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(reply, toAppError(error));
}

/**
 * Fastify's `clientErrorHandler`: errors Node's HTTP parser raises before there is a request
 * (headers too large, a request line it cannot parse, a request not received in time) are
 * written to the socket by hand, as a problem, and the connection is closed.
 */
export function writeClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new AppError(431, 'headers-too-large', 'Request headers too large', 'Send fewer or smaller headers.')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new AppError(408, 'request-timeout', 'Request timeout', 'The request did not arrive in time.')
        : new AppError(400, 'bad-request', 'Malformed HTTP request', 'The request could not be parsed as HTTP/1.1.');
  const body = JSON.stringify(problemBody(problem));
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
      'Content-Type: application/problem+json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'X-Content-Type-Options: nosniff\r\n' +
      'Connection: close\r\n\r\n' +
      body,
    // Written: close now, whether or not the client half-closed its side.
    () => socket.destroy(),
  );
}
