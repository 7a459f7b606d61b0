import type { AppDeps } from '../../http/app-deps.ts';
import { type App, problems } from '../../http/app-types.ts';
import { clientOf } from '../../http/client-context.ts';
import { toIso } from '../../lib/time.ts';
import { setSessionCookie } from '../auth/auth.routes.ts';
import { LoginResponse } from '../auth/auth.schemas.ts';
import { acceptInvitation, invitationInvalid } from './accept-invitation.ts';
import { findOpenInvitation } from './invitations.repository.ts';
import { AcceptInvitationBody, InvitationParams, InvitationPreview } from './users.schemas.ts';

/** Public routes: the token in the path is the credential. */
export function registerInvitationRoutes(app: App, deps: AppDeps): void {
  const tags = ['users'];

  app.get(
    '/api/v1/invitations/:token',
    {
      schema: {
        tags,
        summary: 'Who an invitation is for (the acceptance page greets them)',
        params: InvitationParams,
        response: { 200: InvitationPreview, ...problems(400, 404) },
      },
    },
    async (request) => {
      const invitation = await findOpenInvitation(deps.database.db, request.params.token, deps.now());
      if (!invitation) throw invitationInvalid();
      return {
        email: invitation.email,
        name: invitation.name,
        organizationName: invitation.organization_name,
        expiresAt: toIso(invitation.expires_at),
      };
    },
  );

  app.post(
    '/api/v1/invitations/:token/accept',
    {
      schema: {
        tags,
        summary: 'Set the first password and sign in (works once)',
        params: InvitationParams,
        body: AcceptInvitationBody,
        response: { 200: LoginResponse, ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const { user, session } = await acceptInvitation(
        deps,
        clientOf(request),
        request.params.token,
        request.body.password,
      );
      setSessionCookie(reply, deps, session.token, session.expiresAt);
      return {
        user: { id: user.id, email: user.email, name: user.name, role: user.role, orgId: user.org_id },
        csrfToken: session.csrfToken,
      };
    },
  );
}
