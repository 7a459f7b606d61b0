import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { Type } from 'typebox';
import { BearerHeaders, StartAppSessionBody, StartAppSessionResponse } from '../../../contract/app-sessions.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, type ProblemCodes, problems } from '../../http/app-types.ts';
import { clientOf } from '../../http/client-context.ts';
import { hashToken } from '../../lib/secure-token.ts';
import { startAppSession } from '../app-sign-in/index.ts';
import { DEVICE_POLL_PROBLEMS } from '../device-authorization/index.ts';
import { endAppSession } from './end-app-session.ts';
import type { HeartbeatBatcher } from './heartbeat-batcher.ts';
import { sessionInvalid } from './judge-heartbeat.ts';

/** The API the vendor's apps call: bearer tokens, no cookies, so no CSRF. */
/** What a heartbeat or a sign-out answers when the session is over (judge-heartbeat.ts). */
const SESSION_OVER: ProblemCodes = {
  401: [
    'session-invalid',
    'session-ended',
    'session-timed-out',
    'account-deactivated',
    'session-revoked',
    'session-replaced',
  ],
  403: ['seat-removed', 'subscription-expired', 'lease-released'],
};

export function registerAppSessionRoutes(app: App, deps: AppDeps, heartbeats: HeartbeatBatcher): void {
  const tags = ['apps'];
  const security = [{ appSession: [] }];

  app.post(
    '/api/v1/app/sessions',
    {
      schema: {
        tags,
        operationId: 'startAppSession',
        summary:
          'An app signs a user in and takes a seat (named, or leased from a floating pool); answers a session token',
        description:
          'With the user’s email and password, or by polling a browser sign-in (RFC 8628) with the deviceCode of ' +
          'POST /api/v1/app/device-authorizations until the user approves it at /device. A new sign-in of the app ' +
          'on the same device replaces the older session there (401 session-replaced to it). Refused seats: 403 ' +
          'no-license, pool-full (with Retry-After and retryAfterSeconds), device-limit; each carries denialId ' +
          '(docs/floating-seats.md).',
        security: [],
        body: StartAppSessionBody,
        response: {
          201: StartAppSessionResponse,
          ...problems({
            400: DEVICE_POLL_PROBLEMS,
            401: ['invalid-credentials'],
            403: [
              'account-deactivated',
              'no-license',
              'pool-full',
              'device-limit',
              'browser-sign-in-required',
              'sign-in-blocked',
              'sso-required',
            ],
            404: ['unknown-app'],
            429: ['too-many-attempts'],
          }),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await startAppSession(deps, clientOf(request), request.body)),
  );

  app.post(
    '/api/v1/app/sessions/current/heartbeat',
    {
      schema: {
        tags,
        operationId: 'sendAppHeartbeat',
        summary: 'The app is still in use (send every heartbeatIntervalSeconds)',
        security,
        headers: BearerHeaders,
        response: { 204: Type.Null(), ...problems(400, SESSION_OVER) },
      },
      onRequest: ignoreEmptyBody,
    },
    async (request, reply) => {
      const refusal = await heartbeats.submit(hashToken(bearerToken(request)));
      if (refusal) throw refusal;
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/app/sessions/current',
    {
      schema: {
        tags,
        operationId: 'endAppSession',
        summary: 'The app signs out; the session ends now',
        security,
        headers: BearerHeaders,
        response: { 204: Type.Null(), ...problems(400, SESSION_OVER) },
      },
      onRequest: ignoreEmptyBody,
    },
    async (request, reply) => {
      await endAppSession(deps, bearerToken(request));
      return reply.code(204).send(null);
    },
  );
}

function bearerToken(request: FastifyRequest): string {
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!token) throw sessionInvalid();
  return token;
}

/**
 * Heartbeat and sign-out take no body, but HTTP clients set up with JSON default headers send
 * `content-type: application/json` on every request, bodiless ones too. With nothing to parse, the type means
 * nothing: drop it before Fastify would refuse the empty "JSON" with 400 `invalid-json`. Only a body declared empty
 * (Content-Length 0, or neither a length nor chunked transfer) is concerned; a body that is there is still parsed,
 * and refused when it is not JSON.
 */
function ignoreEmptyBody(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const headers = request.raw.headers;
  const declaredEmpty =
    headers['transfer-encoding'] === undefined &&
    (headers['content-length'] === undefined || headers['content-length'] === '0');
  if (declaredEmpty) delete headers['content-type'];
  done();
}
