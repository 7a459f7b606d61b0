import { Type } from 'typebox';
import {
  ChangePasswordBody,
  ChangePasswordResponse,
  LoginBody,
  LoginResponse,
  LoginVerifyBody,
  MeResponse,
  SignInStartResponse,
} from '../../../contract/auth.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { UserRow } from '../../db/schema.ts';
import { type App, problems } from '../../http/app-types.ts';
import { clearSessionCookie, deviceCookieOf, setDeviceCookie, setSessionCookie } from '../../http/auth-cookies.ts';
import { authOf, requireUser, SESSION_ONLY } from '../../http/authenticate.ts';
import { clientOf } from '../../http/client-context.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { findOrganization } from '../organizations/index.ts';
import { countOtherLiveSessions } from '../user-sessions/index.ts';
import { findUserById } from '../users/index.ts';
import { changeOwnPassword } from './change-own-password.ts';
import { readSecondFactorStatus } from './second-factor-status.ts';
import { deleteSession } from './sessions.repository.ts';
import { signIn } from './sign-in.ts';
import { verifySecondStep } from './verify-second-step.ts';

export function registerAuthRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        operationId: 'signIn',
        summary:
          'Sign in with email and password; sets the session cookie and the device cookie, or asks a second step',
        security: [],
        description:
          'The HttpOnly `sk_device` cookie (path /api/v1, 180 days) marks this browser as one that has signed in ' +
          'to this account before: its failed attempts are counted on their own, so strangers failing on the ' +
          'account from elsewhere cannot lock it out. When the user has a second factor (or the sign-in is ' +
          'flagged new_country, impossible_travel or failures_before_success and the organization steps up), the ' +
          'answer is `{mfaRequired: true, challenge, methods, …}` and no session: POST /auth/login/verify finishes.',
        body: LoginBody,
        response: {
          200: SignInStartResponse,
          ...problems({
            401: ['invalid-credentials'],
            403: ['account-deactivated', 'sso-required', 'sign-in-blocked'],
            429: ['too-many-attempts'],
          }),
        },
      },
    },
    async (request, reply) => {
      const outcome = await signIn(deps, clientOf(request), {
        ...request.body,
        deviceCredential: deviceCookieOf(request),
      });
      if (outcome.kind === 'second-step') return outcome.answer;
      const { user, session, deviceCredential } = outcome;
      setSessionCookie(reply, deps, session.token, session.expiresAt);
      setDeviceCookie(reply, deps, deviceCredential);
      return signedIn(user, session);
    },
  );

  app.post(
    '/api/v1/auth/login/verify',
    {
      schema: {
        tags: ['auth'],
        operationId: 'verifySignIn',
        summary: 'Finish a sign-in with its second step: an authenticator code, a recovery code or a passkey',
        security: [],
        description:
          'A wrong code counts as a failed sign-in (recorded as invalid_second_factor, throttled like a password: ' +
          '429 with Retry-After). A code of the authenticator app works once; a recovery code works once.',
        body: LoginVerifyBody,
        response: {
          200: LoginResponse,
          ...problems({
            400: ['second-factor-missing'],
            401: ['sign-in-challenge-invalid', 'invalid-second-factor'],
            429: ['too-many-attempts'],
          }),
        },
      },
    },
    async (request, reply) => {
      const { user, session, deviceCredential } = await verifySecondStep(deps, clientOf(request), {
        ...request.body,
        deviceCredential: deviceCookieOf(request),
      });
      setSessionCookie(reply, deps, session.token, session.expiresAt);
      setDeviceCookie(reply, deps, deviceCredential);
      return signedIn(user, session);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      // A token has no session to end (authenticate.ts: sessionOnly).
      preHandler: requireUser(deps, { duringEnrolment: true, sessionOnly: true }),
      schema: {
        tags: ['auth'],
        operationId: 'signOut',
        security: SESSION_ONLY,
        summary: 'End this session',
        response: { 204: Type.Null(), ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      await deleteSession(deps.database.db, authOf(request).idHash);
      // The device cookie stays: this browser has still signed in before.
      clearSessionCookie(reply, deps);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      preHandler: requireUser(deps, { duringEnrolment: true }),
      schema: {
        tags: ['auth'],
        operationId: 'getMe',
        summary: 'The signed-in user',
        response: { 200: MeResponse, ...problems(401) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      const [user, organization] = await Promise.all([
        findUserById(deps.database.db, auth.orgId, auth.userId),
        findOrganization(deps.database.db, auth.orgId),
      ]);
      if (!user || !organization) throw new AppError(401, 'unauthenticated', 'Sign-in required');
      const secondFactor = await readSecondFactorStatus(deps.database.db, user, auth);
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
        secondFactor,
        csrfToken: auth.csrfToken,
      };
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      // The account's own password: a console session only, never an API token.
      preHandler: requireUser(deps, { sessionOnly: true }),
      schema: {
        tags: ['auth'],
        operationId: 'changeOwnPassword',
        security: SESSION_ONLY,
        summary: 'Change own password; ends the user’s other console sessions unless endOtherSessions is false',
        description:
          'A wrong current password counts as a failed sign-in (recorded, throttled like one: 429 with Retry-After). ' +
          'The answer counts the other sessions it ended and those still live (app sessions always are), so a ' +
          'client can offer DELETE /api/v1/me/sessions (sign out everywhere else).',
        body: ChangePasswordBody,
        response: {
          200: ChangePasswordResponse,
          ...problems({ 400: ['weak-password', 'wrong-password'], 429: ['too-many-attempts'] }),
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { deviceCredential, endedSessions } = await changeOwnPassword(deps, clientOf(request), {
        orgId: auth.orgId,
        userId: auth.userId,
        sessionIdHash: auth.idHash,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        deviceCredential: deviceCookieOf(request),
        endOtherSessions: request.body.endOtherSessions,
      });
      setDeviceCookie(reply, deps, deviceCredential);
      const viewer = { orgId: auth.orgId, userId: auth.userId, currentIdHash: auth.idHash };
      const otherSessions = await countOtherLiveSessions(deps.database.db, viewer, deps.now());
      return reply.code(200).send({ endedSessions, otherSessions });
    },
  );
}

function signedIn(user: UserRow, session: { csrfToken: string }) {
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role, orgId: user.org_id },
    csrfToken: session.csrfToken,
  };
}
