import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../../http/app-deps.ts';
import { type App, problems } from '../../http/app-types.ts';
import { authOf, requireUser, SESSION_COOKIE } from '../../http/authenticate.ts';
import { clientOf } from '../../http/client-context.ts';
import { AppError } from '../../http/errors.ts';
import { toIso } from '../../lib/time.ts';
import { findOrganization } from '../organizations/organizations.repository.ts';
import { findUserById, updateUser } from '../users/users.repository.ts';
import { ChangePasswordBody, LoginBody, LoginResponse, MeResponse } from './auth.schemas.ts';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords.ts';
import { deleteSession, deleteSessionsOfUser } from './sessions.repository.ts';
import { signIn } from './sign-in.ts';

export function registerAuthRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: LoginBody,
        response: { 200: LoginResponse, ...problems(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { user, session } = await signIn(deps, clientOf(request), request.body);
      setSessionCookie(reply, deps, session.token, session.expiresAt);
      return {
        user: { id: user.id, email: user.email, name: user.name, role: user.role, orgId: user.org_id },
        csrfToken: session.csrfToken,
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      preHandler: requireUser(deps),
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null(), ...problems(401, 403) } },
    },
    async (request, reply) => {
      await deleteSession(deps.database.db, authOf(request).idHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      preHandler: requireUser(deps),
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: MeResponse, ...problems(401) } },
    },
    async (request) => {
      const auth = authOf(request);
      const [user, organization] = await Promise.all([
        findUserById(deps.database.db, auth.orgId, auth.userId),
        findOrganization(deps.database.db, auth.orgId),
      ]);
      if (!user || !organization) throw new AppError(401, 'unauthenticated', 'Sign-in required');
      return {
        user: {
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          orgId: user.org_id,
          status: user.status,
          createdAt: toIso(user.created_at),
          lastLoginAt: toIso(user.last_login_at),
        },
        organization,
        csrfToken: auth.csrfToken,
      };
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      preHandler: requireUser(deps),
      schema: {
        tags: ['auth'],
        summary: 'Change own password; ends the user’s other sessions',
        body: ChangePasswordBody,
        response: { 204: Type.Null(), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const db = deps.database.db;
      const user = await findUserById(db, auth.orgId, auth.userId);
      if (!user?.password_hash || !(await verifyPassword(user.password_hash, request.body.currentPassword))) {
        throw new AppError(400, 'wrong-password', 'Current password is wrong', 'Type your current password again.');
      }
      assertAcceptablePassword(request.body.newPassword, { email: user.email });
      const passwordHash = await hashPassword(request.body.newPassword);
      await db.transaction().execute(async (trx) => {
        await updateUser(trx, auth.orgId, auth.userId, { password_hash: passwordHash, updated_at: deps.now() });
        await deleteSessionsOfUser(trx, auth.orgId, auth.userId, { except: auth.idHash });
      });
      return reply.code(204).send(null);
    },
  );
}

export function setSessionCookie(reply: FastifyReply, deps: AppDeps, token: string, expiresAt: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.publicUrl.protocol === 'https:',
    expires: new Date(expiresAt),
  });
}
