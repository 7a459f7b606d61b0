import { Type } from 'typebox';
import { UserIdParams } from '../../../contract/activity.ts';
import {
  EndedSessions,
  OwnSessionParams,
  UserSessionList,
  UserSessionParams,
} from '../../../contract/user-sessions.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner, requireUser, SESSION_ONLY } from '../../http/authenticate.ts';
import { endAllUserSessions, endUserSession } from './end-user-sessions.ts';
import { listUserSessions } from './list-user-sessions.ts';

/**
 * Where a user is signed in (issue 13): owners list and end any user's console and app sessions
 * (audited: session.ended, sessions.ended); every user lists and ends their own under /me (not
 * audited: their own). Ending "all" of one's own sessions keeps the asking browser's.
 */
export function registerUserSessionRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const user = requireUser(deps);
  // Ending one's own sessions is account security, like changing the password: the console only.
  const userInConsole = requireUser(deps, { sessionOnly: true });
  const tags = ['users'];
  const notFound = { 404: ['not-found'] };

  app.get(
    '/api/v1/users/:id/sessions',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'listUserSessions',
        summary: 'A user’s live console and app sessions: device, address, place, started, last seen',
        params: UserIdParams,
        response: { 200: UserSessionList, ...problems(OWNER_ONLY, notFound) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const viewer = { orgId: auth.orgId, currentIdHash: auth.idHash };
      return { items: await listUserSessions(deps.database.db, viewer, request.params.id, deps.now()) };
    },
  );

  app.delete(
    '/api/v1/users/:id/sessions/:sessionId',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'endUserSession',
        summary: 'End one of a user’s sessions (audited: session.ended)',
        description:
          'A console session’s cookie answers 401 from its next request; an app session’s next heartbeat answers ' +
          '401 session-revoked, its use counted up to its last heartbeat. 404 when the session is not live.',
        params: UserSessionParams,
        response: { 204: Type.Null(), ...problems(OWNER_ONLY, notFound) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      await endUserSession(deps, {
        orgId: auth.orgId,
        userId: request.params.id,
        sessionId: request.params.sessionId,
        actor: auditActorOf(request),
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/users/:id/sessions',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'endAllUserSessions',
        summary: 'End every console and app session of a user (audited: sessions.ended)',
        description: 'On the caller’s own user id, the caller’s own console session is kept.',
        params: UserIdParams,
        response: { 200: EndedSessions, ...problems(OWNER_ONLY, notFound) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      return endAllUserSessions(deps, {
        orgId: auth.orgId,
        userId: request.params.id,
        actor: auditActorOf(request),
        keepIdHash: request.params.id === auth.userId ? auth.idHash : undefined,
      });
    },
  );

  app.get(
    '/api/v1/me/sessions',
    {
      preHandler: user,
      schema: {
        tags,
        operationId: 'listOwnSessions',
        summary: 'Where the signed-in user is signed in: their live console and app sessions, this one marked current',
        response: { 200: UserSessionList, ...problems(401) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const viewer = { orgId: auth.orgId, currentIdHash: auth.idHash };
      return { items: await listUserSessions(deps.database.db, viewer, auth.userId, deps.now()) };
    },
  );

  app.delete(
    '/api/v1/me/sessions/:sessionId',
    {
      preHandler: userInConsole,
      schema: {
        tags,
        operationId: 'endOwnSession',
        security: SESSION_ONLY,
        summary: 'End one of the signed-in user’s own sessions (this one too: that signs out)',
        params: OwnSessionParams,
        response: { 204: Type.Null(), ...problems(401, notFound) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      await endUserSession(deps, {
        orgId: auth.orgId,
        userId: auth.userId,
        sessionId: request.params.sessionId,
        actor: null,
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/me/sessions',
    {
      preHandler: userInConsole,
      schema: {
        tags,
        operationId: 'endOtherOwnSessions',
        security: SESSION_ONLY,
        summary: 'Sign out everywhere else: end every own console and app session but this one',
        response: { 200: EndedSessions, ...problems(401) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      return endAllUserSessions(deps, {
        orgId: auth.orgId,
        userId: auth.userId,
        actor: null,
        keepIdHash: auth.idHash,
      });
    },
  );
}
