import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export const REQUEST_ID_HEADER = 'x-request-id';
/** The name of the request id in every log line written through `request.log`. */
export const REQUEST_ID_LOG_LABEL = 'requestId';

/**
 * A caller's (or its proxy's) X-Request-Id is kept when it is a short token: letters, digits and
 * `._:-`, 1 to 64 characters (a UUID, a ULID, nginx's $request_id, an AWS trace id). Anything else
 * (spaces, newlines, quotes, long) could forge or bloat log lines, so it is replaced.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Fastify's `genReqId`: the incoming id when sane, else a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Every answer carries its request's id, so a user or a proxy can quote it and the logs find it. */
export function registerRequestIdHeader(app: FastifyInstance): void {
  // Callback style, as in metrics.ts and overload.ts: no promise per request on the hot path.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}
