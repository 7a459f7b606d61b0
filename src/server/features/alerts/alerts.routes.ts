import { Type } from 'typebox';
import { IdParams } from '../../../contract/schema-helpers.ts';
import { AlertDetailSchema, AlertPage, AlertsQuery, PatchAlertBody } from '../../../contract/security.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { decodeCursor, encodeCursor } from '../../http/paging.ts';
import type { AlertPosition } from './alerts.repository.ts';
import { changeAlertStatus } from './change-alert-status.ts';
import { getAlertDetail } from './get-alert-detail.ts';
import { listAlerts } from './list-alerts.ts';

const AlertParams = Type.Object({ id: { ...IdParams.properties.id, description: 'The alert’s id.' } });

export function registerAlertRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const tags = ['security'];

  app.get(
    '/api/v1/alerts',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'listAlerts',
        summary: 'The organization’s security alerts, filtered, newest first, with counts by status',
        querystring: AlertsQuery,
        response: { 200: AlertPage, ...problems(OWNER_ONLY, { 400: ['invalid-cursor'] }) },
      },
    },
    async (request) => {
      const { orgId } = authOf(request);
      const query = request.query;
      const result = await listAlerts(
        deps.database.db,
        orgId,
        { status: query.status, type: query.type, severity: query.severity, userId: query.user },
        { after: decodePosition(query.cursor), limit: query.limit },
      );
      return {
        items: result.items,
        nextCursor: result.next ? encodeCursor([result.next.at, result.next.id]) : null,
        counts: result.counts,
      };
    },
  );

  app.get(
    '/api/v1/alerts/:id',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'getAlert',
        summary: 'One alert: its evidence, its newest sign-ins, their places for the map, its history',
        params: AlertParams,
        response: { 200: AlertDetailSchema, ...problems(OWNER_ONLY, { 404: ['not-found'] }) },
      },
    },
    async (request) => {
      const { orgId } = authOf(request);
      return getAlertDetail(deps.database.db, orgId, request.params.id);
    },
  );

  app.patch(
    '/api/v1/alerts/:id',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'changeAlertStatus',
        summary: 'Acknowledge, resolve or reopen an alert, with a note kept in its history',
        params: AlertParams,
        body: PatchAlertBody,
        response: {
          200: AlertDetailSchema,
          ...problems(OWNER_ONLY, { 404: ['not-found'], 409: ['alert-status-unchanged'] }),
        },
      },
    },
    async (request) => {
      const { orgId } = authOf(request);
      return changeAlertStatus(deps.database.db, {
        orgId,
        id: request.params.id,
        to: request.body.status,
        note: request.body.note ?? null,
        actor: auditActorOf(request),
        now: deps.now(),
      });
    },
  );
}

/** The cursor is the last row's position (created_at, id), opaque to clients. */
function decodePosition(cursor: string | undefined): AlertPosition | undefined {
  const key = decodeCursor(cursor, ['number', 'string']);
  if (!key) return undefined;
  return { at: Number(key[0]), id: String(key[1]) };
}
