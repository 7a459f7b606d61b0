import { Type } from 'typebox';
import { PutSsoBody, SsoSettingsSchema } from '../../../contract/sso.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { readSsoSettings, removeSsoSettings, saveSsoSettings } from './sso-settings.ts';

/** Settings → Single sign-on: the organization's OpenID Connect provider and its domains (owners). */
export function registerSsoRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const tags = ['sso'];

  app.get(
    '/api/v1/organization/sso',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'getSsoSettings',
        summary: 'The single sign-on connection (without its secret) and the redirect URI to register',
        response: { 200: SsoSettingsSchema, ...problems(OWNER_ONLY) },
      },
    },
    async (request) => readSsoSettings(deps, authOf(request).orgId),
  );

  app.put(
    '/api/v1/organization/sso',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'putSsoSettings',
        summary: 'Create or replace the single sign-on connection',
        description:
          'An enabled connection is checked first: the issuer’s discovery document must be fetched within 5 s ' +
          '(else 400 sso-discovery-failed, saying why). `ssoOnly` needs `breakGlassUserId`: an active owner with a ' +
          'password, who may still sign in with it. A domain belongs to one organization on the server (409 ' +
          'sso-domain-taken, also when another organization’s users have addresses there).',
        body: PutSsoBody,
        response: {
          200: SsoSettingsSchema,
          ...problems(OWNER_ONLY, {
            400: ['sso-discovery-failed', 'sso-client-secret-required', 'sso-break-glass-invalid'],
            409: ['sso-domain-taken'],
          }),
        },
      },
    },
    async (request) => saveSsoSettings(deps, authOf(request).orgId, request.body, auditActorOf(request)),
  );

  app.delete(
    '/api/v1/organization/sso',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'deleteSsoSettings',
        summary: 'Remove the single sign-on connection and its domains (passwords work again)',
        response: { 204: Type.Null(), ...problems(OWNER_ONLY) },
      },
    },
    async (request, reply) => {
      await removeSsoSettings(deps, authOf(request).orgId, auditActorOf(request));
      return reply.code(204).send(null);
    },
  );
}
