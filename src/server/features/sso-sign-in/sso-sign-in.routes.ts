import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Type } from 'typebox';
import { SsoCallbackQuery, SsoStartBody, SsoStartResponse } from '../../../contract/sso.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, problems } from '../../http/app-types.ts';
import { setDeviceCookie, setSessionCookie } from '../../http/auth-cookies.ts';
import { clientOf } from '../../http/client-context.ts';
import { AppError } from '../../lib/app-error.ts';
import { finishSsoSignIn } from './finish-sso-sign-in.ts';
import { startSsoSignIn } from './start-sso-sign-in.ts';

/**
 * Starts per address and minute (this process's count): each start costs a discovery request to
 * the provider and a stored row, so a script cannot make the server hammer a provider. A person
 * clicks the button a few times at most.
 */
export const SSO_STARTS_PER_MINUTE = 20;

/** Sign-in through the organization's OpenID Connect provider: public, the browser goes there and back. */
export function registerSsoSignInRoutes(app: App, deps: AppDeps): void {
  const tags = ['sso'];
  const starts = new RateLimiterMemory({ keyPrefix: 'sso-start', points: SSO_STARTS_PER_MINUTE, duration: 60 });

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
          `At most ${SSO_STARTS_PER_MINUTE} starts per address and minute (429).`,
        security: [],
        body: SsoStartBody,
        response: {
          200: SsoStartResponse,
          ...problems({
            404: ['sso-not-configured'],
            429: ['too-many-attempts'],
            502: ['sso-provider-unavailable'],
          }),
        },
      },
    },
    async (request) => {
      try {
        await starts.consume(clientOf(request).ip);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new AppError(
          429,
          'too-many-attempts',
          'Too many sign-in attempts',
          `Too many single sign-on starts from this address. Try again in ${seconds} seconds.`,
          { headers: { 'Retry-After': String(seconds) } },
        );
      }
      return startSsoSignIn(deps, request.body);
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
          'Always a 303: signed in, to the path given at the start (default /) with the session and device ' +
          'cookies set; refused, to `/login?sso_error=<code>` (expired, provider-error, email-unverified, ' +
          'domain-mismatch, unknown-account, deactivated, not-configured). No second step is asked: the ' +
          'provider is in charge of the factors.',
        security: [],
        querystring: SsoCallbackQuery,
        response: { 303: Type.Null({ description: 'See Location.' }) },
      },
    },
    async (request, reply) => {
      const rawUrl = request.raw.url ?? '';
      const query = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '';
      const outcome = await finishSsoSignIn(deps, clientOf(request), {
        state: request.query.state,
        error: request.query.error,
        rawQuery: query,
      });
      if (!outcome.signedIn) {
        request.log.warn({ ssoError: outcome.error, reason: outcome.reason }, 'single sign-on refused');
        return reply.redirect(`/login?sso_error=${outcome.error}`, 303);
      }
      setSessionCookie(reply, deps, outcome.session.token, outcome.session.expiresAt);
      setDeviceCookie(reply, deps, outcome.deviceCredential);
      return reply.redirect(outcome.returnTo, 303);
    },
  );
}
