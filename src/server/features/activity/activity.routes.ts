import type { FastifyReply } from 'fastify';
import type { Static } from 'typebox';
import { ActivityPage, ActivityQuery, UserIdParams } from '../../../contract/activity.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner, requireUser } from '../../http/authenticate.ts';
import { decodeCursor, encodeCursor } from '../../http/paging.ts';
import { notFound } from '../../lib/app-error.ts';
import { toCsvStream } from '../../lib/csv.ts';
import { recordExport } from '../audit-log/index.ts';
import { findUserById } from '../users/index.ts';
import type { ActivityFilters, ActivityPosition } from './activity.types.ts';
import { activityCsvColumns, activityCsvFileName, parseTimeZone } from './activity-csv.ts';
import { findActivityPage, iterateActivity } from './activity-page.ts';

type Query = Static<typeof ActivityQuery>;

const page = {
  ...ActivityPage,
  description: 'A page of activity, newest first; with format=csv, a text/csv file of every matching row.',
};
const INPUT_PROBLEMS = { 400: ['invalid-cursor', 'invalid-time-zone'] };

export function registerActivityRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/users/:id/activity',
    {
      preHandler: requireOwner(deps),
      schema: {
        tags: ['activity'],
        operationId: 'listUserActivity',
        summary: 'A user’s sign-in attempts, with device, IP and location',
        params: UserIdParams,
        querystring: ActivityQuery,
        response: { 200: page, ...problems(OWNER_ONLY, INPUT_PROBLEMS, { 404: ['not-found'] }) },
      },
    },
    async (request, reply) => {
      const { orgId } = authOf(request);
      const user = await findUserById(deps.database.db, orgId, request.params.id);
      if (!user) throw notFound('User');
      const { format, tz, cursor: _cursor, limit: _limit, ...filters } = request.query;
      if (format === 'csv') {
        // A bad zone is refused before the download is recorded; the row is written before the file streams.
        parseTimeZone(tz);
        const exported = {
          orgId,
          name: 'user-activity',
          label: `Activity of ${user.email}`,
          filters: { userId: user.id, ...filters },
        };
        await recordExport(deps.database.db, auditActorOf(request), exported, deps.now());
      }
      return answerActivity(deps, reply, { orgId, userId: user.id }, request.query, user.email);
    },
  );

  app.get(
    '/api/v1/me/activity',
    {
      preHandler: requireUser(deps),
      schema: {
        tags: ['activity'],
        operationId: 'listOwnActivity',
        summary: 'The signed-in user’s own sign-in history',
        querystring: ActivityQuery,
        response: { 200: page, ...problems(INPUT_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const { orgId, userId } = authOf(request);
      return answerActivity(deps, reply, { orgId, userId }, request.query, 'me');
    },
  );
}

async function answerActivity(
  deps: AppDeps,
  reply: FastifyReply,
  scope: { orgId: string; userId: string },
  query: Query,
  fileLabel: string,
) {
  const filters: ActivityFilters = {
    from: query.from === undefined ? undefined : Date.parse(query.from),
    to: query.to === undefined ? undefined : Date.parse(query.to),
    type: query.type,
    outcome: query.outcome,
    deviceType: query.deviceType,
    country: query.country,
    app: query.app,
  };
  if (query.format !== 'csv') {
    const after = decodePosition(query.cursor);
    const page = await findActivityPage(deps.database.db, scope, filters, { after, limit: query.limit }, deps.now());
    return {
      items: page.items,
      nextCursor: page.next ? encodeCursor([page.next.at, page.next.kind, page.next.id]) : null,
    };
  }
  const timeZone = parseTimeZone(query.tz);
  const columns = activityCsvColumns(timeZone);
  const fileName = activityCsvFileName(fileLabel, filters, timeZone, deps.now());
  return reply
    .type('text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${fileName}"`)
    .send(toCsvStream(iterateActivity(deps.database.db, scope, filters, deps.now()), columns));
}

/** The cursor is the last row's position (time, kind, id), opaque to clients. */
function decodePosition(cursor: string | undefined): ActivityPosition | undefined {
  const key = decodeCursor(cursor, ['number', 'number', 'number']);
  if (!key) return undefined;
  return { at: Number(key[0]), kind: key[1] === 1 ? 1 : 0, id: Number(key[2]) };
}
