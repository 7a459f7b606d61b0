import { Type } from 'typebox';
import type { AppDeps } from '../../http/app-deps.ts';
import { type App, problems } from '../../http/app-types.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { notFound } from '../../http/errors.ts';
import { IdParams } from '../../http/schema-helpers.ts';
import { findUserById, findUserPage, toUser } from './users.repository.ts';
import {
  CreateUserBody,
  CreateUserResponse,
  DeactivateBody,
  InvitationSchema,
  PatchUserBody,
  UserListQuery,
  UserPage,
} from './users.schemas.ts';
import { changeUser, createUser, deactivateUser, reactivateUser, reissueInvitation } from './users.service.ts';

const User = Type.Ref('User');

export function registerUserRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const tags = ['users'];

  app.get(
    '/api/v1/users',
    {
      preHandler: owner,
      schema: {
        tags,
        summary: 'List the organization’s users',
        querystring: UserListQuery,
        response: { 200: UserPage, ...problems(400, 401, 403) },
      },
    },
    async (request) => findUserPage(deps.database.db, authOf(request).orgId, { ...request.query, now: deps.now() }),
  );

  app.post(
    '/api/v1/users',
    {
      preHandler: owner,
      schema: {
        tags,
        summary: 'Add a user; answers a one-time invitation link to set a password',
        body: CreateUserBody,
        response: { 201: CreateUserResponse, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      return reply.code(201).send(await createUser(deps, auth.orgId, auth.userId, request.body));
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      preHandler: owner,
      schema: { tags, summary: 'One user', params: IdParams, response: { 200: User, ...problems(401, 403, 404) } },
    },
    async (request) => {
      const user = await findUserById(deps.database.db, authOf(request).orgId, request.params.id);
      if (!user) throw notFound('User');
      return toUser(user);
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      preHandler: owner,
      schema: {
        tags,
        summary: 'Rename a user or change their role',
        params: IdParams,
        body: PatchUserBody,
        response: { 200: User, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => changeUser(deps, authOf(request).orgId, request.params.id, request.body),
  );

  app.post(
    '/api/v1/users/:id/deactivate',
    {
      preHandler: owner,
      schema: {
        tags,
        summary: 'Deactivate a user with a reason; ends their sessions at once',
        params: IdParams,
        body: DeactivateBody,
        response: { 200: User, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      return deactivateUser(deps, auth.orgId, request.params.id, auth.userId, request.body);
    },
  );

  app.post(
    '/api/v1/users/:id/reactivate',
    {
      preHandler: owner,
      schema: {
        tags,
        summary: 'Reactivate a deactivated user',
        params: IdParams,
        response: { 200: User, ...problems(401, 403, 404) },
      },
    },
    async (request) => reactivateUser(deps, authOf(request).orgId, request.params.id),
  );

  app.post(
    '/api/v1/users/:id/invitation',
    {
      preHandler: owner,
      schema: {
        tags,
        summary: 'Issue a new invitation link (the previous one stops working)',
        params: IdParams,
        response: { 201: Type.Object({ invitation: InvitationSchema }), ...problems(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const invitation = await reissueInvitation(deps, auth.orgId, auth.userId, request.params.id);
      return reply.code(201).send({ invitation });
    },
  );
}
