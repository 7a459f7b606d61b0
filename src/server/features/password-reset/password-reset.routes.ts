import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  PASSWORD_RESET_LINK_MINUTES,
  PASSWORD_RESET_REQUESTS_PER_EMAIL,
  PASSWORD_RESET_REQUESTS_PER_IP,
  PasswordResetBody,
  PasswordResetParams,
  PasswordResetPreview,
  PasswordResetRequestBody,
  PasswordResetRequested,
} from '../../../contract/password-reset.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, problems } from '../../http/app-types.ts';
import { clientOf } from '../../http/client-context.ts';
import { describePasswordReset } from './describe-password-reset.ts';
import { createPasswordResetDeliveries } from './password-reset-deliveries.ts';
import { requestPasswordReset } from './request-password-reset.ts';
import { resetPassword } from './reset-password.ts';
import { createPasswordResetThrottle } from './reset-throttle.ts';

const THROTTLE_TEXT =
  `At most ${PASSWORD_RESET_REQUESTS_PER_EMAIL} requests per e-mail address (known or not) and ` +
  `${PASSWORD_RESET_REQUESTS_PER_IP} per client address (requests and wrong links together) within an hour; ` +
  'beyond them 429 with Retry-After.';

/** "Forgot password?": public routes; the e-mailed link's token is the only credential of the last two. */
export function registerPasswordResetRoutes(app: App, deps: AppDeps): void {
  const tags = ['auth'];
  // Its own counts (Redis when configured, so every process shares them), closed with the app.
  const throttle = createPasswordResetThrottle({ redisUrl: deps.config.redisUrl });
  app.addHook('onClose', () => throttle.close());

  // Links are made from the stored requests after the answer is sent (password-reset-deliveries.ts);
  // closing the app waits for them. The map only carries a request's id from its handler to its onResponse.
  const deliveries = createPasswordResetDeliveries(deps);
  const waiting = new WeakMap<FastifyRequest, string>();
  app.addHook('onClose', () => deliveries.drain());

  app.post(
    '/api/v1/auth/password-reset',
    {
      onResponse: async (request) => {
        const requestId = waiting.get(request);
        if (!requestId) return;
        waiting.delete(request);
        deliveries.schedule(requestId, (error) => request.log.error({ err: error }, 'password-reset link not issued'));
      },
      schema: {
        tags,
        operationId: 'requestPasswordReset',
        summary: 'Forgot password: e-mails a reset link when an account has this address (same answer either way)',
        description:
          `An active user with a password gets a link to /reset-password/<token>, valid ${PASSWORD_RESET_LINK_MINUTES} ` +
          'minutes and once; it replaces their earlier links. Nobody else gets anything, and the answer is the same: ' +
          'the request is stored before the answer, and the link and its mail are made from it after. ' +
          THROTTLE_TEXT,
        security: [],
        body: PasswordResetRequestBody,
        response: { 202: PasswordResetRequested, ...problems({ 429: ['too-many-reset-requests'] }) },
      },
    },
    async (request, reply) => {
      const { answer, requestId } = await requestPasswordReset(deps, throttle, clientOf(request), request.body);
      if (requestId) waiting.set(request, requestId);
      return reply.code(202).send(answer);
    },
  );

  app.get(
    '/api/v1/auth/password-reset/:token',
    {
      schema: {
        tags,
        operationId: 'getPasswordReset',
        summary: 'Whose account a reset link is for (masked) and until when (changes nothing)',
        security: [],
        params: PasswordResetParams,
        response: {
          200: PasswordResetPreview,
          ...problems({ 404: ['reset-link-invalid'], 429: ['too-many-reset-requests'] }),
        },
      },
    },
    async (request) => describePasswordReset(deps, throttle, clientOf(request), request.params.token),
  );

  app.post(
    '/api/v1/auth/password-reset/:token',
    {
      schema: {
        tags,
        operationId: 'resetPassword',
        summary: 'Set a new password from a reset link (works once); ends every session of the user, signs nobody in',
        security: [],
        params: PasswordResetParams,
        body: PasswordResetBody,
        response: {
          204: Type.Null(),
          ...problems({ 400: ['weak-password'], 404: ['reset-link-invalid'], 429: ['too-many-reset-requests'] }),
        },
      },
    },
    async (request, reply) => {
      await resetPassword(deps, throttle, clientOf(request), {
        token: request.params.token,
        password: request.body.password,
      });
      return reply.code(204).send(null);
    },
  );
}
