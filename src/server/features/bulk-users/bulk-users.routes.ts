import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import {
  BulkAssignSeatResult,
  BulkDeactivateBody,
  BulkDeactivateResult,
  BulkExportBody,
  BulkExportQuery,
  BulkExportResult,
  BulkSeatBody,
  BulkUnassignSeatResult,
  ImportUsersBody,
  ImportUsersResult,
} from '../../../contract/bulk-users.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { toCsvStream } from '../../lib/csv.ts';
import { recordExport } from '../audit-log/index.ts';
import { toUser } from '../users/index.ts';
import { assignSeatsInBulk } from './assign-seats-in-bulk.ts';
import { deactivateInBulk } from './deactivate-in-bulk.ts';
import { findUsersForExport, USER_EXPORT_COLUMNS } from './export-users.ts';
import { importUsers } from './import-users.ts';
import { unassignSeatsInBulk } from './unassign-seats-in-bulk.ts';

/** A CSV attachment (the reply's typed JSON answer does not cover a stream). */
function sendCsv(reply: FastifyReply, fileName: string, csv: Readable) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${fileName}"`)
    .send(csv);
}

async function* fromArray<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}

/** Problems of every bulk request naming users: duplicates (schema) and ids the organization does not have. */
const USER_ID_PROBLEMS = { 400: ['duplicate-ids', 'unknown-users'] };

/** Actions on many selected users at once, and bulk add from a CSV file: each request is one transaction. */
export function registerBulkUserRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const tags = ['users'];

  app.post(
    '/api/v1/users/bulk/assign-seat',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'assignSeatInBulk',
        summary: 'Give each selected user a seat of one subscription, all or nothing',
        description:
          'Users who hold a seat of it already are skipped (alreadyHeld). When fewer seats are free than the others ' +
          'need (409 not-enough-seats) or one of them is deactivated (409 user-deactivated), nothing is assigned.',
        body: BulkSeatBody,
        response: {
          200: BulkAssignSeatResult,
          ...problems(OWNER_ONLY, USER_ID_PROBLEMS, {
            404: ['not-found'],
            409: ['not-enough-seats', 'user-deactivated', 'subscription-expired', 'floating-subscription'],
          }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      return assignSeatsInBulk(deps, auth.orgId, auditActorOf(request), request.body);
    },
  );

  app.post(
    '/api/v1/users/bulk/unassign-seat',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'unassignSeatInBulk',
        summary: 'Free the seat of one subscription that each selected user holds',
        description: 'Their running app sessions of it end. Users who hold no seat of it are skipped (notHeld).',
        body: BulkSeatBody,
        response: { 200: BulkUnassignSeatResult, ...problems(OWNER_ONLY, USER_ID_PROBLEMS, { 404: ['not-found'] }) },
      },
    },
    async (request) => {
      const auth = authOf(request);
      return unassignSeatsInBulk(deps, auth.orgId, auditActorOf(request), request.body);
    },
  );

  app.post(
    '/api/v1/users/bulk/deactivate',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'deactivateUsersInBulk',
        summary: 'Deactivate the selected users with one reason; each is signed out everywhere at once',
        description:
          'All or nothing. A selection holding every owner who can sign in is refused (409 last-owner, naming ' +
          'them). Users already deactivated are left as they were (alreadyDeactivated).',
        body: BulkDeactivateBody,
        response: {
          200: BulkDeactivateResult,
          ...problems(OWNER_ONLY, USER_ID_PROBLEMS, { 400: ['note-required'], 409: ['last-owner'] }),
        },
      },
    },
    async (request) => {
      const auth = authOf(request);
      return deactivateInBulk(deps, auth.orgId, auditActorOf(request), request.body);
    },
  );

  app.post(
    '/api/v1/users/bulk/export',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'exportUsers',
        summary: 'The selected users, with the seats they hold; with format=csv, as a file',
        description:
          'By name. The CSV holds name, email, role, status, licenses, last sign-in, last app use, created and ' +
          'deactivation (times ISO 8601 UTC); a text cell starting with = + - @ gets a leading apostrophe.',
        querystring: BulkExportQuery,
        body: BulkExportBody,
        response: { 200: BulkExportResult, ...problems(OWNER_ONLY, USER_ID_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const now = deps.now();
      const { orgId } = authOf(request);
      const users = await findUsersForExport(deps.database.db, orgId, request.body.userIds, now);
      if (request.query.format !== 'csv') {
        return { items: users.map(({ user, seats }) => ({ ...toUser(user), licenses: seats })) };
      }
      // Only the file is an export (the JSON is what the Users page reads); recorded before it streams.
      const filters = { userIds: request.body.userIds };
      const exported = { orgId, name: 'users', label: 'Users', filters };
      await recordExport(deps.database.db, auditActorOf(request), exported, now);
      const fileName = `users-${new Date(now).toISOString().slice(0, 10)}.csv`;
      return sendCsv(reply, fileName, toCsvStream(fromArray(users), USER_EXPORT_COLUMNS));
    },
  );

  app.post(
    '/api/v1/users/import',
    {
      preHandler: owner,
      // Up to 1,000 users with their invitations and seats in one transaction: more than a click's worth of work.
      config: { deadlineMs: 60_000 },
      schema: {
        tags,
        operationId: 'importUsers',
        summary: 'Bulk add users from a CSV file: preview (dryRun), then add all or none',
        description:
          'Each row is checked: the email’s form, a name, the role, the product, the same email twice in the file, ' +
          'an email that has an account already, a free seat (rows take seats in file order). With dryRun the ' +
          'answer is the preview and nothing changes. Without, every user is added with a one-time invitation ' +
          '(and the seat) in one transaction, or none is: a row with an error answers 409 import-rows-invalid, ' +
          'each error in `errors` with its line (`body/csv/line/N`). A file that cannot be read, lacks the header ' +
          'or holds more than 1,000 users answers 400 invalid-csv.',
        body: ImportUsersBody,
        response: {
          200: { ...ImportUsersResult, description: 'The preview (dryRun)' },
          201: { ...ImportUsersResult, description: 'Every user added' },
          ...problems(OWNER_ONLY, {
            400: ['invalid-csv'],
            409: ['import-rows-invalid', 'email-taken', 'no-free-seat'],
          }),
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const result = await importUsers(deps, auth.orgId, auditActorOf(request), request.body);
      return reply.code(result.dryRun ? 200 : 201).send(result);
    },
  );
}
