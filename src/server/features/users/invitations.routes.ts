import { LoginResponse } from '../../../contract/auth.ts';
import { AcceptInvitationBody, InvitationParams, InvitationPreview } from '../../../contract/users.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, problems } from '../../http/app-types.ts';
import { setDeviceCookie, setSessionCookie } from '../../http/auth-cookies.ts';
import { SESSION_COOKIE } from '../../http/authenticate.ts';
import { clientOf } from '../../http/client-context.ts';
import { hashToken } from '../../lib/secure-token.ts';
import { toIso } from '../../lib/time.ts';
import { acceptInvitation, invitationInvalid } from '../auth/index.ts';
import { findOpenInvitation } from './invitations.repository.ts';

/** Public routes: the token in the path is the credential. */
export function registerInvitationRoutes(app: App, deps: AppDeps): void {
  const tags = ['users'];

  app.get(
    '/api/v1/invitations/:token',
    {
      schema: {
        tags,
        operationId: 'getInvitation',
        summary: 'Who an invitation is for (the acceptance page greets them)',
        security: [],
        params: InvitationParams,
        response: { 200: InvitationPreview, ...problems({ 404: ['invitation-invalid'] }) },
      },
    },
    async (request) => {
      const invitation = await findOpenInvitation(deps.database.db, request.params.token, deps.now());
      if (!invitation) throw invitationInvalid();
      return {
        email: invitation.email,
        name: invitation.name,
        organizationName: invitation.organization_name,
        replacesPassword: invitation.password_hash !== null,
        expiresAt: toIso(invitation.expires_at),
      };
    },
  );

  app.post(
    '/api/v1/invitations/:token/accept',
    {
      schema: {
        tags,
        operationId: 'acceptInvitation',
        summary:
          'Set the password and sign in (works once); ends the user’s other sessions and the one this browser had',
        security: [],
        params: InvitationParams,
        body: AcceptInvitationBody,
        response: { 200: LoginResponse, ...problems({ 400: ['weak-password'], 404: ['invitation-invalid'] }) },
      },
    },
    async (request, reply) => {
      const previousSession = request.cookies[SESSION_COOKIE];
      const { user, session, deviceCredential } = await acceptInvitation(deps, clientOf(request), {
        token: request.params.token,
        password: request.body.password,
        previousSessionIdHash: previousSession ? hashToken(previousSession) : undefined,
      });
      setSessionCookie(reply, deps, session.token, session.expiresAt);
      setDeviceCookie(reply, deps, deviceCredential);
      return {
        user: { id: user.id, email: user.email, name: user.name, role: user.role, orgId: user.org_id },
        csrfToken: session.csrfToken,
      };
    },
  );
}
