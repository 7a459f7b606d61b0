import { Type } from 'typebox';
import type { AppDeps } from '../../http/app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
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
        operationId: 'listUsers',
        summary: 'List the organization’s users',
        querystring: UserListQuery,
        response: { 200: UserPage, ...problems(OWNER_ONLY, { 400: ['invalid-cursor'] }) },
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
        operationId: 'createUser',
        summary: 'Add a user; answers a one-time invitation link to set a password',
        body: CreateUserBody,
        response: { 201: CreateUserResponse, ...problems(OWNER_ONLY, { 409: ['email-taken'] }) },
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
      schema: {
        tags,
        operationId: 'getUser',
        summary: 'One user',
        params: IdParams,
        response: { 200: User, ...problems(OWNER_ONLY, { 404: ['not-found'] }) },
      },
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
        operationId: 'updateUser',
        summary: 'Rename a user or change their role',
        params: IdParams,
        body: PatchUserBody,
        response: { 200: User, ...problems(OWNER_ONLY, { 404: ['not-found'], 409: ['last-owner'] }) },
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
        operationId: 'deactivateUser',
        summary: 'Deactivate a user with a reason; ends their sessions at once',
        params: IdParams,
        body: DeactivateBody,
        response: {
          200: User,
          ...problems(OWNER_ONLY, { 400: ['note-required'], 404: ['not-found'], 409: ['last-owner'] }),
        },
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
        operationId: 'reactivateUser',
        summary: 'Reactivate a deactivated user',
        params: IdParams,
        response: { 200: User, ...problems(OWNER_ONLY, { 404: ['not-found'] }) },
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
        operationId: 'reissueInvitation',
        summary: 'Issue a new invitation link (the previous one stops working)',
        params: IdParams,
        response: {
          201: Type.Object({ invitation: InvitationSchema }),
          ...problems(OWNER_ONLY, { 404: ['not-found'], 409: ['invitation-not-needed'] }),
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const invitation = await reissueInvitation(deps, auth.orgId, auth.userId, request.params.id);
      return reply.code(201).send({ invitation });
    },
  );
}
