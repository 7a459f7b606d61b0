import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { UserIdParams } from '../../../contract/activity.ts';
import { SignInIdParams, SignInPage, SignInsQuery, UserPlacesSchema } from '../../../contract/sign-ins.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner, requireUser } from '../../http/authenticate.ts';
import { decodeCursor, encodeCursor } from '../../http/paging.ts';
import { toCsvStream } from '../../lib/csv.ts';
import { parseTimeZone } from '../activity/index.ts';
import { recordExport } from '../audit-log/index.ts';
import { parseAddressFilter } from './address-filter.ts';
import { getSignInDetail } from './get-sign-in-detail.ts';
import { iterateSignIns, listSignIns } from './list-sign-ins.ts';
import { listUserPlaces } from './list-user-places.ts';
import type { SignInFilters, SignInPosition } from './sign-ins.types.ts';
import { signInCsvColumns, signInCsvFileName } from './sign-ins-csv.ts';

const page = {
  ...SignInPage,
  description: 'A page of sign-in attempts, newest first; with format=csv, a text/csv file of every matching row.',
};

export function registerSignInRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const tags = ['activity'];

  app.get(
    '/api/v1/sign-ins',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'listSignIns',
        summary: 'Every sign-in attempt of the organization (console and apps), filtered, newest first',
        querystring: SignInsQuery,
        response: {
          200: page,
          ...problems(OWNER_ONLY, { 400: ['invalid-cursor', 'invalid-ip-filter', 'invalid-time-zone'] }),
        },
      },
    },
    async (request, reply) => {
      const { orgId } = authOf(request);
      const query = request.query;
      const filters: SignInFilters = {
        userId: query.user,
        address: query.ip === undefined ? undefined : parseAddressFilter(query.ip),
        app: query.app,
        outcome: query.outcome,
        failureReason: query.failureReason,
        country: query.country,
        deviceType: query.deviceType,
        from: query.from === undefined ? undefined : Date.parse(query.from),
        to: query.to === undefined ? undefined : Date.parse(query.to),
      };
      const db = deps.database.db;
      if (query.format !== 'csv') {
        const result = await listSignIns(db, orgId, filters, {
          after: decodePosition(query.cursor),
          limit: query.limit,
        });
        return { items: result.items, nextCursor: result.next ? encodeCursor([result.next.at, result.next.id]) : null };
      }
      const timeZone = parseTimeZone(query.tz);
      // Recorded before the file streams: a download that fails half-way still shows the attempt.
      const { format: _format, tz: _tz, cursor: _cursor, limit: _limit, ...chosen } = query;
      const exported = { orgId, name: 'sign-ins', label: 'Sign-ins', filters: chosen };
      await recordExport(db, auditActorOf(request), exported, deps.now());
      return sendCsv(deps, reply, orgId, filters, timeZone);
    },
  );

  app.get(
    '/api/v1/sign-ins/:id',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'getSignIn',
        summary: 'One sign-in attempt: the app session it opened, the user’s previous sign-in, its address’s count',
        params: SignInIdParams,
        response: { 200: Type.Ref('SignInDetail'), ...problems(OWNER_ONLY, { 404: ['not-found'] }) },
      },
    },
    async (request) => {
      const { orgId } = authOf(request);
      return getSignInDetail(deps.database.db, orgId, request.params.id, deps.now());
    },
  );

  app.get(
    '/api/v1/users/:id/places',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'listUserPlaces',
        summary: 'Where a user has signed in from: successful sign-ins grouped by place, most used first',
        params: UserIdParams,
        response: { 200: UserPlacesSchema, ...problems(OWNER_ONLY, { 404: ['not-found'] }) },
      },
    },
    async (request) => {
      const { orgId } = authOf(request);
      return listUserPlaces(deps.database.db, orgId, request.params.id);
    },
  );

  app.get(
    '/api/v1/me/places',
    {
      preHandler: requireUser(deps),
      schema: {
        tags,
        operationId: 'listOwnPlaces',
        summary: 'Where the signed-in user has signed in from, grouped by place',
        response: { 200: UserPlacesSchema, ...problems(401) },
      },
    },
    async (request) => {
      const { orgId, userId } = authOf(request);
      return listUserPlaces(deps.database.db, orgId, userId);
    },
  );
}

/** Every matching row as a CSV attachment, streamed batch by batch; the file name says the range. */
function sendCsv(deps: AppDeps, reply: FastifyReply, orgId: string, filters: SignInFilters, timeZone?: string) {
  const rows = iterateSignIns(deps.database.db, orgId, filters);
  return reply
    .type('text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${signInCsvFileName(filters, deps.now(), timeZone)}"`)
    .send(toCsvStream(rows, signInCsvColumns(timeZone)));
}

/** The cursor is the last row's position (time, id), opaque to clients. */
function decodePosition(cursor: string | undefined): SignInPosition | undefined {
  const key = decodeCursor(cursor, ['number', 'number']);
  if (!key) return undefined;
  return { at: Number(key[0]), id: Number(key[1]) };
}
