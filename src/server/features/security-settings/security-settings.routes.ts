import { PatchSecuritySettingsBody, SecuritySettingsSchema } from '../../../contract/security.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { changeSecuritySettings } from './change-security-settings.ts';
import { readSecuritySettings } from './read-security-settings.ts';

/** Settings → Security: the rules behind risk flags and alerts, trusted networks, notifications (owners). */
export function registerSecuritySettingsRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const tags = ['security'];

  app.get(
    '/api/v1/organization/security',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'getSecuritySettings',
        summary: 'The security rules: thresholds, learning period, trusted networks, notifications',
        response: { 200: SecuritySettingsSchema, ...problems(OWNER_ONLY) },
      },
    },
    async (request) => readSecuritySettings(deps.database.db, authOf(request).orgId),
  );

  app.patch(
    '/api/v1/organization/security',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'updateSecuritySettings',
        summary: 'Change some security rules',
        description: 'Each group given (e.g. `impossibleTravel`) replaces that group whole; the others stay.',
        body: PatchSecuritySettingsBody,
        response: {
          200: SecuritySettingsSchema,
          ...problems(OWNER_ONLY, { 400: ['invalid-trusted-network', 'nothing-to-change'] }),
        },
      },
    },
    async (request) =>
      changeSecuritySettings(deps.database.db, authOf(request).orgId, request.body, auditActorOf(request), deps.now()),
  );
}
