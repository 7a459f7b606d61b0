import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { ErasedUserSchema, UserDataExportSchema } from '../../../contract/privacy.ts';
import { IdParams } from '../../../contract/schema-helpers.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { eraseUser } from './erase-user.ts';
import { exportUserData, type UserDataExportFile } from './export-user-data.ts';

/** A user's personal data: the owner's export of it, and its erasure once the user is deactivated. */
export function registerPrivacyRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const tags = ['users'];

  app.get(
    '/api/v1/users/:id/export',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'exportUserData',
        summary: 'Everything the server holds about one user, as a JSON attachment',
        description:
          'Profile, seats, invitations, every sign-in attempt, app and console sessions, seat leases and refused ' +
          'seat requests, alerts, audit entries, ' +
          'second factors, API tokens, password resets and mail sent to them; never a secret or a hash. ' +
          'Streamed: a long history does not wait for the whole file. Recorded in the audit log ' +
          '(user.data_exported) before the file starts.',
        params: IdParams,
        response: { 200: UserDataExportSchema, ...problems(OWNER_ONLY, { 404: ['not-found'] }) },
      },
    },
    async (request, reply) => {
      const { orgId } = authOf(request);
      const file = await exportUserData(deps, orgId, request.params.id, auditActorOf(request));
      return sendAttachment(reply, file);
    },
  );

  app.post(
    '/api/v1/users/:id/erase',
    {
      preHandler: owner,
      // One transaction over the whole history: 100,000 attempts took ~6 s on SQLite and ~28 s on
      // PostgreSQL (docs/privacy.md), past the default 30 s deadline on a slow disk.
      config: { deadlineMs: 120_000 },
      schema: {
        tags,
        operationId: 'eraseUser',
        summary: 'Erase a deactivated user’s personal data (the organization’s counts stay)',
        description:
          'Replaces the email and name, deletes sessions, second factors, links and mail to the user, and strips ' +
          'the email, name, browser, device name, place below the country and the host part of addresses from ' +
          'sign-ins, app sessions, seat leases and denials, alerts and the audit log. The reports’ totals do not ' +
          'change. Cannot be undone.',
        params: IdParams,
        response: {
          200: ErasedUserSchema,
          ...problems(OWNER_ONLY, { 404: ['not-found'], 409: ['user-not-deactivated', 'user-already-erased'] }),
        },
      },
    },
    async (request) => {
      const { orgId } = authOf(request);
      return eraseUser(deps, orgId, request.params.id, auditActorOf(request));
    },
  );
}

/** The document streamed as a download; a source that fails mid-way ends the response, never hangs it. */
function sendAttachment(reply: FastifyReply, file: UserDataExportFile) {
  return reply
    .type('application/json; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
    .header('Cache-Control', 'no-store')
    .send(Readable.from(file.chunks));
}
