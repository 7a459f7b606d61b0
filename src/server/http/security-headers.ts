import type { IncomingMessage, ServerResponse } from 'node:http';
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

/**
 * The headers helmet writes for our options, computed once: they depend on nothing in the
 * request (no CSP nonces), and running helmet's dozen middlewares on every answer cost a
 * measurable share of a heartbeat (npm run bench:heartbeat).
 */
export function securityHeaders(publicUrl: URL): Record<string, string> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader(name: string, value: string | number) {
      headers[name] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name];
    },
  };
  helmet(helmetOptions(publicUrl))({} as IncomingMessage, collector as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * Every answer carries them: routes, 404s, the console's files and the docs page (an
 * onRequest hook), and problems raised before routing (Fastify's `frameworkErrors`, where no
 * hook runs: app.ts sets them there with the same object).
 */
export function registerSecurityHeaders(app: App, headers: Record<string, string>): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
