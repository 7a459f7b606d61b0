import type { AppDeps } from '../../http/app-deps.ts';
import { type App, problems } from '../../http/app-types.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { AppError } from '../../http/errors.ts';
import { OrganizationSettings, PatchOrganizationBody } from './organization.schemas.ts';
import { changeOrganizationSettings } from './organization-settings.service.ts';
import { findOrganization } from './organizations.repository.ts';

/** The Settings page: the organization's name, time zone and report thresholds (owners only). */
export function registerOrganizationRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const tags = ['organization'];

  app.get(
    '/api/v1/organization',
    {
      preHandler: owner,
      schema: {
        tags,
        summary: 'The organization’s settings',
        response: { 200: OrganizationSettings, ...problems(401, 403) },
      },
    },
    async (request) => {
      const organization = await findOrganization(deps.database.db, authOf(request).orgId);
      if (!organization) throw new AppError(401, 'unauthenticated', 'Sign-in required');
      return organization;
    },
  );

  app.patch(
    '/api/v1/organization',
    {
      preHandler: owner,
      // A new time zone rebuilds the organization's report aggregates in this request: minutes
      // for a large one, so the default 30 s deadline would answer 503 while the change commits.
      config: { deadlineMs: 15 * 60_000 },
      schema: {
        tags,
        summary: 'Change the name, time zone or report thresholds',
        description: 'A new time zone recounts every report’s days in the same request.',
        body: PatchOrganizationBody,
        response: { 200: OrganizationSettings, ...problems(400, 401, 403) },
      },
    },
    async (request) => changeOrganizationSettings(deps.database.db, authOf(request).orgId, request.body),
  );
}
