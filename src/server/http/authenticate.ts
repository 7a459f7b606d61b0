import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { authenticateApiToken, looksLikeApiToken } from '../features/api-tokens/index.ts';
import { findLiveSession, type SessionUser } from '../features/auth/index.ts';
import { AppError } from '../lib/app-error.ts';
import { clientOf } from './client-context.ts';

export const SESSION_COOKIE = 'sk_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireUser/requireOwner; routes behind them can rely on it. */
    auth?: SessionUser;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthOptions {
  /** Also for a session that may only enrol a second factor (GET /me, sign-out, the enrolment routes). */
  duringEnrolment?: boolean;
  /**
   * Only a console session, never an API token (403 session-required): managing tokens, signing
   * out, the account's own password and second factors. A leaked token must not mint more tokens or
   * lock its owner out. The route also declares `security: SESSION_ONLY` for the OpenAPI document.
   */
  sessionOnly?: boolean;
}

/** The `security` of a route behind `sessionOnly`: the cookie, no Bearer token (openapi.ts reads it). */
export const SESSION_ONLY = [{ session: [] }];

/**
 * preHandler: a signed-in, active user, by console session cookie or by API token
 * (`Authorization: Bearer skt_…`). A cookie's state changes must carry the session's CSRF token (a
 * browser never sends an Authorization header on its own, so a token needs none). A session that
 * may only enrol a second factor passes only where `duringEnrolment` is set.
 */
export function requireUser(deps: AppDeps, options: AuthOptions = {}) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const bearer = apiTokenOf(request);
    request.auth =
      bearer === undefined
        ? await sessionUser(deps, request, options)
        : await tokenUser(deps, request, bearer, options);
  };
}

async function sessionUser(deps: AppDeps, request: FastifyRequest, options: AuthOptions): Promise<SessionUser> {
  const token = request.cookies[SESSION_COOKIE];
  const session = token ? await findLiveSession(deps.database.db, token, deps.now()) : undefined;
  if (!session) {
    throw new AppError(401, 'unauthenticated', 'Sign-in required', 'Sign in to continue; your session may have ended.');
  }
  if (!SAFE_METHODS.has(request.method) && !sameSecret(request.headers[CSRF_HEADER], session.csrfToken)) {
    throw new AppError(
      403,
      'csrf-token-invalid',
      'Missing or wrong CSRF token',
      `Send the csrfToken from sign-in or GET /api/v1/me in the ${CSRF_HEADER} header.`,
    );
  }
  if (session.enrolmentOnly && !options.duringEnrolment) {
    throw new AppError(
      403,
      'second-factor-enrolment-required',
      'Set up two-step verification first',
      'Your organization requires two-step verification. Add an authenticator app or a passkey under Account to continue.',
    );
  }
  return session;
}

/**
 * 403 for what an API token may not do even with full scope, because it would hand out or weaken a
 * way into the console (a leaked token must not outlive its revocation that way).
 */
export function sessionRequired(detail: string): AppError {
  return new AppError(403, 'session-required', 'Sign in to the console for this', detail);
}

async function tokenUser(
  deps: AppDeps,
  request: FastifyRequest,
  credential: string,
  options: AuthOptions,
): Promise<SessionUser> {
  if (options.sessionOnly) {
    throw sessionRequired(
      'API tokens cannot manage API tokens, sign out, end sessions, approve apps, reset second factors, or change the account’s password or second factors; use the console.',
    );
  }
  const user = await authenticateApiToken(deps.database.db, credential, { now: deps.now(), ip: clientOf(request).ip });
  if (!user) {
    // One answer for unknown, revoked and expired tokens and deactivated creators: it tells a
    // guesser nothing, and the owner finds which in Settings → API tokens.
    throw new AppError(
      401,
      'api-token-invalid',
      'API token not valid',
      'The API token is invalid, expired or revoked.',
    );
  }
  if (user.apiTokenScope === 'read' && !SAFE_METHODS.has(request.method)) {
    throw new AppError(
      403,
      'token-read-only',
      'Read-only API token',
      'This API token may only read (GET); create a token with full scope to make changes.',
    );
  }
  const { apiTokenScope: _scope, ...auth } = user;
  return auth;
}

/**
 * The credential of `Authorization: Bearer skt_…`, or undefined when there is none or it is not an
 * API token (then the cookie decides, as if the header were absent: apps' session tokens travel
 * the same way to their own routes).
 */
function apiTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  const credential = match?.[1];
  return credential !== undefined && looksLikeApiToken(credential) ? credential : undefined;
}

/** preHandler: as requireUser, and the user is an owner of their organization. */
export function requireOwner(deps: AppDeps, options: Omit<AuthOptions, 'duringEnrolment'> = {}) {
  const user = requireUser(deps, options);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    await user(request, reply);
    if (request.auth?.role !== 'owner') {
      throw new AppError(403, 'forbidden', 'Owners only', 'Only an owner of the organization can do this.');
    }
  };
}

/** The auth context behind requireUser; a route that forgot the preHandler fails loudly. */
export function authOf(request: FastifyRequest): SessionUser {
  if (!request.auth) throw new Error('route is missing requireUser/requireOwner');
  return request.auth;
}

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
