import { LicensePage } from '../../../contract/licenses.ts';
import { IdParams } from '../../../contract/schema-helpers.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { authOf, requireOwner, requireUser } from '../../http/authenticate.ts';
import { notFound } from '../../lib/app-error.ts';
import { findUserById } from '../users/index.ts';
import { listLicensesOfUser } from './seat-assignments.repository.ts';

/** The seats one user holds: an owner's Licenses tab, and a member's own. */
export function registerLicenseRoutes(app: App, deps: AppDeps): void {
  const db = deps.database.db;

  app.get(
    '/api/v1/users/:id/licenses',
    {
      preHandler: requireOwner(deps),
      schema: {
        tags: ['subscriptions'],
        operationId: 'listUserLicenses',
        summary: 'The seats a user holds',
        params: IdParams,
        response: { 200: LicensePage, ...problems(OWNER_ONLY, { 404: ['not-found'] }) },
      },
    },
    async (request) => {
      const { orgId } = authOf(request);
      if (!(await findUserById(db, orgId, request.params.id))) throw notFound('User');
      return { items: await listLicensesOfUser(db, orgId, request.params.id, deps.now()), nextCursor: null };
    },
  );

  app.get(
    '/api/v1/me/licenses',
    {
      preHandler: requireUser(deps),
      schema: {
        tags: ['subscriptions'],
        operationId: 'listOwnLicenses',
        summary: 'The seats the signed-in user holds',
        response: { 200: LicensePage, ...problems(401) },
      },
    },
    async (request) => {
      const { orgId, userId } = authOf(request);
      return { items: await listLicensesOfUser(db, orgId, userId, deps.now()), nextCursor: null };
    },
  );
}
