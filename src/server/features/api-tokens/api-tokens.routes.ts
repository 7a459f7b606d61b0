import { Type } from 'typebox';
import {
  ApiTokenPage,
  ApiTokensQuery,
  CreateApiTokenBody,
  CreatedApiTokenSchema,
} from '../../../contract/api-tokens.ts';
import { IdParams } from '../../../contract/schema-helpers.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner, SESSION_ONLY } from '../../http/authenticate.ts';
import { decodeCursor, encodeCursor } from '../../http/paging.ts';
import { createApiToken } from './create-api-token.ts';
import { listApiTokens } from './list-api-tokens.ts';
import { revokeApiToken } from './revoke-api-token.ts';

/**
 * Settings → API tokens (owners). Listing works with a token too; creating and revoking need the
 * console session (a leaked token cannot mint others or revoke its owner's).
 */
export function registerApiTokenRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const ownerInConsole = requireOwner(deps, { sessionOnly: true });
  const tags = ['organization'];

  app.get(
    '/api/v1/api-tokens',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'listApiTokens',
        summary: 'The organization’s API tokens, newest first (never the secrets)',
        querystring: ApiTokensQuery,
        response: { 200: ApiTokenPage, ...problems(OWNER_ONLY, { 400: ['invalid-cursor'] }) },
      },
    },
    async (request) => {
      const key = decodeCursor(request.query.cursor, ['number', 'string']);
      const page = await listApiTokens(deps.database.db, authOf(request).orgId, {
        after: key ? { at: Number(key[0]), id: String(key[1]) } : undefined,
        limit: request.query.limit,
        now: deps.now(),
      });
      return { items: page.items, nextCursor: page.next ? encodeCursor([page.next.at, page.next.id]) : null };
    },
  );

  app.post(
    '/api/v1/api-tokens',
    {
      preHandler: ownerInConsole,
      schema: {
        tags,
        operationId: 'createApiToken',
        summary: 'Create an API token; answers its secret, shown only now',
        description:
          'Send it as `Authorization: Bearer <token>`. The token acts as you, with your rights at the time of each ' +
          'request (never more): a read token only reads.',
        security: SESSION_ONLY,
        body: CreateApiTokenBody,
        response: {
          201: CreatedApiTokenSchema,
          ...problems(OWNER_ONLY, { 400: ['invalid-expiry'], 409: ['too-many-api-tokens'] }),
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const created = await createApiToken(deps, auditActorOf(request), {
        orgId: auth.orgId,
        creatorId: auth.userId,
        token: request.body,
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    {
      preHandler: ownerInConsole,
      schema: {
        tags,
        operationId: 'revokeApiToken',
        summary: 'Revoke an API token at once (any owner, any token of the organization)',
        description: 'Revoking a token that is already revoked answers 204 again and changes nothing.',
        security: SESSION_ONLY,
        params: IdParams,
        response: { 204: Type.Null(), ...problems(OWNER_ONLY, { 404: ['not-found'] }) },
      },
    },
    async (request, reply) => {
      const actor = auditActorOf(request);
      if (actor.type !== 'user') throw new Error('a route’s actor is a user');
      await revokeApiToken(deps, actor, { orgId: authOf(request).orgId, id: request.params.id });
      return reply.code(204).send(null);
    },
  );
}
