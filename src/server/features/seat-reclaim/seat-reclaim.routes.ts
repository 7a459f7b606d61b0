import { IdParams } from '../../../contract/schema-helpers.ts';
import {
  ReclaimPage,
  ReclaimParams,
  ReclaimPreviewQuery,
  ReclaimPreviewSchema,
  ReclaimSchema,
} from '../../../contract/seat-reclaim.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { listRecentReclaims } from './list-reclaims.ts';
import { previewReclaim } from './preview-reclaim.ts';
import { undoReclaim } from './undo-reclaim.ts';

/** The dormant-seat reclaim panel of a subscription (docs/seat-reclaim.md): preview, recent reclaims, undo. */
export function registerSeatReclaimRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const tags = ['subscriptions'];
  const db = deps.database.db;

  app.get(
    '/api/v1/subscriptions/:id/reclaim-preview',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'previewSeatReclaim',
        summary: 'The seats a dormant-seat policy would warn and free today',
        description:
          'Every seat idle for at least afterDays − 7 days, with what the daily job does to it next: warn the ' +
          'holder by e-mail, free the seat, or wait for the 7 days after the warning. Changes nothing.',
        params: IdParams,
        querystring: ReclaimPreviewQuery,
        response: {
          200: ReclaimPreviewSchema,
          ...problems(OWNER_ONLY, { 404: ['not-found'], 409: ['floating-subscription'] }),
        },
      },
    },
    async (request) =>
      previewReclaim(db, {
        orgId: authOf(request).orgId,
        subscriptionId: request.params.id,
        afterDays: request.query.afterDays,
        now: deps.now(),
      }),
  );

  app.get(
    '/api/v1/subscriptions/:id/reclaims',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'listSeatReclaims',
        summary: 'Seats the dormant-seat policy freed in the last 30 days, with until when each can be undone',
        params: IdParams,
        response: { 200: ReclaimPage, ...problems(OWNER_ONLY, { 404: ['not-found'] }) },
      },
    },
    async (request) => ({
      items: await listRecentReclaims(db, {
        orgId: authOf(request).orgId,
        subscriptionId: request.params.id,
        now: deps.now(),
      }),
      nextCursor: null,
    }),
  );

  app.post(
    '/api/v1/subscriptions/:id/reclaims/:assignmentId/undo',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'undoSeatReclaim',
        summary: 'Give a reclaimed seat back to the same user (within 14 days)',
        params: ReclaimParams,
        response: {
          200: ReclaimSchema,
          ...problems(OWNER_ONLY, {
            404: ['not-found'],
            409: [
              'reclaim-undone',
              'undo-expired',
              'user-deactivated',
              'subscription-expired',
              'already-assigned',
              'no-free-seat',
            ],
          }),
        },
      },
    },
    async (request) =>
      undoReclaim(db, {
        orgId: authOf(request).orgId,
        actor: auditActorOf(request),
        subscriptionId: request.params.id,
        assignmentId: Number(request.params.assignmentId),
        now: deps.now,
      }),
  );
}
