import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { DEVICE_CREDENTIAL_LIFETIME_MS } from '../features/auth/index.ts';
import { SESSION_COOKIE } from './authenticate.ts';

/**
 * The console's two cookies, each defined once so that the cookie that clears one
 * carries the same name, path and flags as the one that set it (a browser only replaces
 * a cookie with the same name, path and domain).
 */

/** The device credential (see device-credential.ts): outlives sessions and sign-outs. */
export const DEVICE_COOKIE = 'sk_device';

/**
 * Sent to the whole API (`/api/v1`) because both password checks need it: sign-in
 * (`/api/v1/auth/login`) and change of password (`/api/v1/me/password`).
 */
const DEVICE_COOKIE_PATH = '/api/v1';

function baseOptions(deps: AppDeps): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', secure: deps.config.publicUrl.protocol === 'https:' };
}

export function sessionCookieOptions(deps: AppDeps): CookieSerializeOptions {
  return { ...baseOptions(deps), path: '/' };
}

export function setSessionCookie(reply: FastifyReply, deps: AppDeps, token: string, expiresAt: number): void {
  reply.setCookie(SESSION_COOKIE, token, { ...sessionCookieOptions(deps), expires: new Date(expiresAt) });
}

export function clearSessionCookie(reply: FastifyReply, deps: AppDeps): void {
  reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(deps));
}

export function setDeviceCookie(reply: FastifyReply, deps: AppDeps, credential: string): void {
  reply.setCookie(DEVICE_COOKIE, credential, {
    ...baseOptions(deps),
    path: DEVICE_COOKIE_PATH,
    maxAge: Math.floor(DEVICE_CREDENTIAL_LIFETIME_MS / 1000),
  });
}

export function deviceCookieOf(request: FastifyRequest): string | undefined {
  return request.cookies[DEVICE_COOKIE];
}
