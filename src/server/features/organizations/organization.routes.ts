import { OrganizationSettings, PatchOrganizationBody } from '../../../contract/organization.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { AppError } from '../../lib/app-error.ts';
import { stopReportRebuilds } from '../report-aggregates/index.ts';
import { changeOrganizationSettings, readOrganizationSettings } from './change-settings.ts';

/** The Settings page: the organization's name, time zone and report thresholds (owners only). */
export function registerOrganizationRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const tags = ['organization'];
  const settingsOptions = {
    now: deps.now,
    onError: (error: unknown) => app.log.error({ err: error }, 'report recount failed'),
  };
  // Background recounts stop after their current batch; the next start resumes them.
  app.addHook('onClose', () => stopReportRebuilds(deps.database.db));

  app.get(
    '/api/v1/organization',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'getOrganization',
        summary: 'The organization’s settings',
        response: { 200: OrganizationSettings, ...problems(OWNER_ONLY) },
      },
    },
    async (request) => {
      const organization = await readOrganizationSettings(deps.database.db, authOf(request).orgId, settingsOptions);
      if (!organization) throw new AppError(401, 'unauthenticated', 'Sign-in required');
      return organization;
    },
  );

  app.patch(
    '/api/v1/organization',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'updateOrganization',
        summary: 'Change the name, time zone or report thresholds',
        description:
          'A new time zone recounts every report’s days in the background: the answer comes at once, with `reportsRecount` (running); GET shows its progress.',
        body: PatchOrganizationBody,
        response: {
          200: OrganizationSettings,
          ...problems(OWNER_ONLY, { 400: ['invalid-time-zone'], 409: ['reports-history-purged'] }),
        },
      },
    },
    async (request) =>
      changeOrganizationSettings(
        deps.database.db,
        authOf(request).orgId,
        request.body,
        auditActorOf(request),
        settingsOptions,
      ),
  );
}
