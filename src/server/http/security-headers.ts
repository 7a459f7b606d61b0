import fastifyHelmet from '@fastify/helmet';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { App } from './app-types.ts';

/**
 * One Content-Security-Policy for the console, the API docs page and every API answer:
 * scripts only from this origin (the built console and swagger-ui load files, never inline
 * code); styles also inline, because Mantine (console) and swagger-ui (docs) write `<style>`
 * tags and style attributes at run time; images also as data: URLs (icons); no frames of
 * anything, and no page may frame ours (clickjacking).
 */
export function contentSecurityPolicy(https: boolean): Record<string, string[] | null> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** A year, in seconds: how long a browser keeps to HTTPS once it has seen the console over it. */
export const HSTS_MAX_AGE_S = 365 * 24 * 60 * 60;

/**
 * Security headers on every answer (helmet): the CSP above, `X-Frame-Options: DENY` for
 * browsers without frame-ancestors, `X-Content-Type-Options: nosniff`, `Referrer-Policy:
 * no-referrer` (links carry no invitation token away), and HSTS only when the console's
 * public address is https (sending it over plain HTTP would be ignored, or lock out a
 * deployment that has no certificate).
 */
/** Untyped on purpose: helmet's ESM and CommonJS typings name the same options twice. */
function helmetOptions(publicUrl: URL) {
  const https = publicUrl.protocol === 'https:';
  return {
    contentSecurityPolicy: { useDefaults: false as const, directives: contentSecurityPolicy(https) },
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_S, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  };
}

export async function registerSecurityHeaders(app: App, publicUrl: URL): Promise<void> {
  await app.register(fastifyHelmet, { global: true, ...helmetOptions(publicUrl) });
}

/**
 * The same headers for an answer written before routing (Fastify's `frameworkErrors`: a path
 * that is not valid percent-encoding), where no hook — helmet's included — runs.
 */
export function securityHeadersSetter(publicUrl: URL): (request: FastifyRequest, reply: FastifyReply) => void {
  const apply = helmet(helmetOptions(publicUrl));
  return (request, reply) => apply(request.raw, reply.raw, () => {});
}
