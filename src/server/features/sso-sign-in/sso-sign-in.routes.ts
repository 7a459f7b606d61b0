import type { CookieSerializeOptions } from '@fastify/cookie';
import { Type } from 'typebox';
import { SsoCallbackQuery, SsoStartBody, SsoStartResponse } from '../../../contract/sso.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, problems } from '../../http/app-types.ts';
import { setDeviceCookie, setSessionCookie } from '../../http/auth-cookies.ts';
import { clientOf } from '../../http/client-context.ts';
import { consoleUrl, ssoCookiePath } from './console-link.ts';
import { finishSsoSignIn } from './finish-sso-sign-in.ts';
import { createSsoStartThrottle, SSO_STARTS_PER_MINUTE } from './sso-start-throttle.ts';
import { SSO_REQUEST_TTL_MS, startSsoSignIn } from './start-sso-sign-in.ts';

/**
 * Binds a sign-in to the browser that started it (login CSRF): set by the start's answer (the
 * console's fetch), sent back with the provider's redirect to the callback (SameSite=Lax: a
 * top-level GET), which requires it to hold the returned state, then cleared.
 */
export const SSO_BINDING_COOKIE = 'sk_sso_state';

function bindingCookieOptions(deps: AppDeps): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.publicUrl.protocol === 'https:',
    path: ssoCookiePath(deps.config.publicUrl),
  };
}

/** Sign-in through the organization's OpenID Connect provider: public, the browser goes there and back. */
export function registerSsoSignInRoutes(app: App, deps: AppDeps): void {
  const tags = ['sso'];
  const throttleStart = createSsoStartThrottle();

  app.post(
    '/api/v1/auth/sso/start',
    {
      schema: {
        tags,
        operationId: 'startSsoSignIn',
        summary: 'Start a sign-in through the e-mail domain’s identity provider',
        description:
          'Answers the provider’s authorization URL (state, nonce, PKCE S256; the e-mail as login_hint) for the ' +
          'browser to open; the provider sends it back to GET /api/v1/auth/sso/callback within 10 minutes. ' +
          `Sets the \`${SSO_BINDING_COOKIE}\` cookie (HttpOnly, SameSite=Lax, 10 minutes) that the callback requires ` +
          'from the same browser. ' +
          `At most ${SSO_STARTS_PER_MINUTE} starts per address (an IPv6 client by its /64) and minute (429).`,
        security: [],
        body: SsoStartBody,
        response: {
          200: SsoStartResponse,
          ...problems({
            404: ['sso-not-configured'],
            429: ['too-many-sso-starts'],
            502: ['sso-provider-unavailable'],
          }),
        },
      },
    },
    async (request, reply) => {
      await throttleStart(clientOf(request).ip);
      const { redirectUrl, browserState } = await startSsoSignIn(deps, request.body);
      reply.setCookie(SSO_BINDING_COOKIE, browserState, {
        ...bindingCookieOptions(deps),
        maxAge: Math.floor(SSO_REQUEST_TTL_MS / 1000),
      });
      return { redirectUrl };
    },
  );

  app.get(
    '/api/v1/auth/sso/callback',
    {
      schema: {
        tags,
        operationId: 'finishSsoSignIn',
        summary: 'Where the identity provider sends the browser back (the redirect URI)',
        description:
          'Always a 303 to the console under PUBLIC_URL: signed in, to the path given at the start (default /) ' +
          'with the session and device cookies set; refused, to `login?sso_error=<code>` (expired, ' +
          'provider-error, email-unverified, domain-mismatch, unknown-account, deactivated, not-configured, ' +
          `browser-mismatch: no \`${SSO_BINDING_COOKIE}\` cookie of this sign-in, i.e. another browser). ` +
          'No second step is asked: the provider is in charge of the factors.',
        security: [],
        querystring: SsoCallbackQuery,
        response: { 303: Type.Null({ description: 'See Location.' }) },
      },
    },
    async (request, reply) => {
      const rawUrl = request.raw.url ?? '';
      const query = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '';
      const browserState = request.cookies[SSO_BINDING_COOKIE];
      const outcome = await finishSsoSignIn(deps, clientOf(request), {
        state: request.query.state,
        browserState,
        error: request.query.error,
        rawQuery: query,
      });
      // This browser's sign-in is over, signed in or refused. Another sign-in's return (a mismatch)
      // leaves this browser's own pending sign-in alone.
      const mismatch = !outcome.signedIn && outcome.error === 'browser-mismatch';
      if (browserState !== undefined && !mismatch) reply.clearCookie(SSO_BINDING_COOKIE, bindingCookieOptions(deps));
      const publicUrl = deps.config.publicUrl;
      if (!outcome.signedIn) {
        request.log.warn({ ssoError: outcome.error, reason: outcome.reason }, 'single sign-on refused');
        return reply.redirect(consoleUrl(publicUrl, `/login?sso_error=${outcome.error}`), 303);
      }
      setSessionCookie(reply, deps, outcome.session.token, outcome.session.expiresAt);
      setDeviceCookie(reply, deps, outcome.deviceCredential);
      return reply.redirect(consoleUrl(publicUrl, outcome.returnTo), 303);
    },
  );
}
