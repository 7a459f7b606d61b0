import type { FastifyReply } from 'fastify';
import { AuditEntryPage, AuditLogQuery } from '../../../contract/audit-log.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { decodeCursor, encodeCursor } from '../../http/paging.ts';
import { toCsvStream } from '../../lib/csv.ts';
import { localDay } from '../../lib/local-date.ts';
import { localTimeFormatter, parseTimeZone } from '../activity/index.ts';
import type { AuditFilters, AuditPosition } from './audit-log.types.ts';
import { auditCsvColumns } from './audit-log-csv.ts';
import { iterateAuditLog, listAuditLog } from './list-audit-log.ts';
import { recordExport } from './record-export.ts';

const page = {
  ...AuditEntryPage,
  description: 'A page of the audit log, newest first; with format=csv, a text/csv file of every matching row.',
};

/** Read-only on purpose: the log is append-only through the application (no PUT, PATCH or DELETE here). */
export function registerAuditLogRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/audit-log',
    {
      preHandler: requireOwner(deps),
      schema: {
        tags: ['audit'],
        operationId: 'listAuditLog',
        summary: 'What owners, the operator and jobs did in the organization, filtered, newest first',
        querystring: AuditLogQuery,
        response: { 200: page, ...problems(OWNER_ONLY, { 400: ['invalid-cursor', 'invalid-time-zone'] }) },
      },
    },
    async (request, reply) => {
      const { orgId } = authOf(request);
      const query = request.query;
      const filters: AuditFilters = {
        actorId: query.actor,
        action: query.action,
        targetId: query.target,
        from: query.from === undefined ? undefined : Date.parse(query.from),
        to: query.to === undefined ? undefined : Date.parse(query.to),
      };
      const db = deps.database.db;
      if (query.format !== 'csv') {
        const result = await listAuditLog(db, orgId, filters, {
          after: decodePosition(query.cursor),
          limit: query.limit,
        });
        return { items: result.items, nextCursor: result.next ? encodeCursor([result.next.at, result.next.id]) : null };
      }
      const timeZone = parseTimeZone(query.tz);
      const now = deps.now();
      await recordExport(
        db,
        auditActorOf(request),
        {
          orgId,
          name: 'audit-log',
          label: 'Audit log',
          filters: { actor: query.actor, action: query.action, target: query.target, from: query.from, to: query.to },
        },
        now,
      );
      return sendCsv(deps, reply, orgId, filters, now, timeZone);
    },
  );
}

/** Every matching row as a CSV attachment, streamed batch by batch; the file name says the day it was taken. */
function sendCsv(
  deps: AppDeps,
  reply: FastifyReply,
  orgId: string,
  filters: AuditFilters,
  now: number,
  timeZone: string | undefined,
) {
  const rows = iterateAuditLog(deps.database.db, orgId, filters);
  const local = timeZone ? { timeZone, format: localTimeFormatter(timeZone) } : undefined;
  return reply
    .type('text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="audit-log-${localDay(now, timeZone ?? 'UTC')}.csv"`)
    .send(toCsvStream(rows, auditCsvColumns(local)));
}

/** The cursor is the last row's position (time, id), opaque to clients. */
function decodePosition(cursor: string | undefined): AuditPosition | undefined {
  const key = decodeCursor(cursor, ['number', 'number']);
  if (!key) return undefined;
  return { at: Number(key[0]), id: Number(key[1]) };
}
