import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { findLiveSession, type SessionUser } from '../features/auth/index.ts';
import { AppError } from '../lib/app-error.ts';

export const SESSION_COOKIE = 'sk_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by requireUser/requireOwner; routes behind them can rely on it. */
    auth?: SessionUser;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * preHandler: a signed-in, active user; state changes must carry the session's CSRF token. A
 * session that may only enrol a second factor passes only where `duringEnrolment` is set (GET
 * /me, sign-out, the enrolment routes).
 */
export function requireUser(deps: AppDeps, options: { duringEnrolment?: boolean } = {}) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await findLiveSession(deps.database.db, token, deps.now()) : undefined;
    if (!session) {
      throw new AppError(
        401,
        'unauthenticated',
        'Sign-in required',
        'Sign in to continue; your session may have ended.',
      );
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
    request.auth = session;
  };
}

/** preHandler: as requireUser, and the user is an owner of their organization. */
export function requireOwner(deps: AppDeps) {
  const user = requireUser(deps);
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
