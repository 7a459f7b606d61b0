import { PatchPrivacySettingsBody, PrivacySettingsSchema } from '../../../contract/privacy-settings.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { changePrivacySettings, readPrivacySettings } from './privacy-settings.ts';

/** Settings → Retention and privacy: how long raw events and the audit log are kept, IP anonymisation (owners). */
export function registerRetentionRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const tags = ['organization'];

  app.get(
    '/api/v1/organization/privacy',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'getPrivacySettings',
        summary: 'Retention of raw events and of the audit log, IP anonymisation, the last and next purge',
        response: { 200: PrivacySettingsSchema, ...problems(OWNER_ONLY) },
      },
    },
    async (request) => readPrivacySettings(deps.database.db, authOf(request).orgId, deps.now()),
  );

  app.patch(
    '/api/v1/organization/privacy',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'updatePrivacySettings',
        summary: 'Change retention or IP anonymisation',
        description:
          'Each field given replaces the stored one. Shorter retention takes effect at the next purge (hourly): ' +
          'raw events and audit entries past it are deleted then; the reports’ aggregates are kept.',
        body: PatchPrivacySettingsBody,
        response: { 200: PrivacySettingsSchema, ...problems(OWNER_ONLY) },
      },
    },
    async (request) =>
      changePrivacySettings(deps.database.db, authOf(request).orgId, auditActorOf(request), request.body, deps.now()),
  );
}
