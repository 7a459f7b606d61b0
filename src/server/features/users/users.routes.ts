import { Type } from 'typebox';
import { IdParams } from '../../../contract/schema-helpers.ts';
import {
  CreateUserBody,
  CreateUserResponse,
  DeactivateBody,
  PatchUserBody,
  ReactivateBody,
  ReactivatedUserSchema,
  ReissueInvitationResponse,
  ReleasedSeatPage,
  UserListQuery,
  UserPage,
} from '../../../contract/users.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner, sessionRequired } from '../../http/authenticate.ts';
import { decodeCursor, encodeCursor } from '../../http/paging.ts';
import { notFound } from '../../lib/app-error.ts';
import { addUserWithSeat } from '../bulk-users/index.ts';
import { deactivateUser, listReleasedSeats, reactivateUser } from '../deactivation/index.ts';
import { changeUser } from './change-user.ts';
import { createUser, reissueInvitation } from './invite-user.ts';
import { listUsers } from './list-users.ts';
import { findUserById, SORT_KEY_KIND, toUser, type UserPageKey } from './users.repository.ts';

const User = Type.Ref('User');

/** A new owner can sign in and mint tokens: an API token adding one would outlive its own revocation. */
const ownersOnlyInConsole = () =>
  sessionRequired('An API token cannot make anyone an owner; an owner does it in the console.');

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
    async (request) => {
      const { cursor, lastActiveBefore, ...query } = request.query;
      // The cursor is the last row's (sort key, id): opaque to clients, checked on the way in.
      const after = decodeCursor(cursor, [SORT_KEY_KIND[query.sort], 'string']) as UserPageKey | undefined;
      const page = await listUsers(deps.database.db, authOf(request).orgId, {
        ...query,
        lastActiveBefore: lastActiveBefore === undefined ? undefined : Date.parse(lastActiveBefore),
        after,
        now: deps.now(),
      });
      return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  );

  app.post(
    '/api/v1/users',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'createUser',
        summary: 'Add a user, optionally with a seat; answers a one-time invitation link to set a password',
        body: CreateUserBody,
        response: {
          201: CreateUserResponse,
          ...problems(OWNER_ONLY, {
            403: ['session-required'],
            404: ['not-found'],
            409: ['email-taken', 'no-free-seat', 'subscription-expired', 'floating-subscription'],
          }),
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { subscriptionId, ...input } = request.body;
      if (auth.apiTokenId && input.role === 'owner') throw ownersOnlyInConsole();
      const created = subscriptionId
        ? await addUserWithSeat(deps, auth.orgId, auditActorOf(request), { ...input, subscriptionId })
        : await createUser(deps, auth.orgId, auditActorOf(request), input);
      return reply.code(201).send(created);
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
        response: {
          200: User,
          ...problems(OWNER_ONLY, { 403: ['session-required'], 404: ['not-found'], 409: ['last-owner'] }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      if (auth.apiTokenId && request.body.role === 'owner') throw ownersOnlyInConsole();
      return changeUser(deps, auth.orgId, request.params.id, request.body, auditActorOf(request));
    },
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
      return deactivateUser(deps, auth.orgId, request.params.id, auditActorOf(request), request.body);
    },
  );

  app.post(
    '/api/v1/users/:id/reactivate',
    {
      // The body is optional (reactivating without one keeps the seats as they are): none reads as {}.
      preValidation: async (request) => {
        request.body ??= {};
      },
      preHandler: owner,
      schema: {
        tags,
        operationId: 'reactivateUser',
        summary: 'Reactivate a deactivated user, optionally giving back the seats deactivation freed',
        description:
          'The body may be left out: reactivating without one (or with restoreSeats false) leaves the seats as they ' +
          'are, and the seats deactivation freed are forgotten either way.',
        params: IdParams,
        body: ReactivateBody,
        response: { 200: ReactivatedUserSchema, ...problems(OWNER_ONLY, { 404: ['not-found'], 409: ['user-erased'] }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      return reactivateUser(deps, auth.orgId, request.params.id, auditActorOf(request), {
        restoreSeats: request.body?.restoreSeats,
      });
    },
  );

  app.get(
    '/api/v1/users/:id/released-seats',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'listReleasedSeats',
        summary: 'The seats deactivating this user freed, which reactivation can give back',
        description:
          'Empty for an active user and for one deactivated without freeing seats. Reactivating forgets them.',
        params: IdParams,
        response: { 200: ReleasedSeatPage, ...problems(OWNER_ONLY, { 404: ['not-found'] }) },
      },
    },
    async (request) => {
      const items = await listReleasedSeats(deps.database.db, authOf(request).orgId, request.params.id, deps.now());
      return { items, nextCursor: null };
    },
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
          201: ReissueInvitationResponse,
          ...problems(OWNER_ONLY, { 404: ['not-found'], 409: ['invitation-not-needed'] }),
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const invitation = await reissueInvitation(deps, auth.orgId, auditActorOf(request), request.params.id);
      return reply.code(201).send({ invitation });
    },
  );
}
