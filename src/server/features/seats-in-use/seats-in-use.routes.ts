import { Type } from 'typebox';
import { ForceReleaseBody, LeaseListQuery, LeasePage, LeaseParams } from '../../../contract/leases.ts';
import { IdParams } from '../../../contract/schema-helpers.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { decodeCursor, encodeCursor } from '../../http/paging.ts';
import { forceReleaseLease } from './force-release-lease.ts';
import { listSeatsInUse } from './list-seats-in-use.ts';

/**
 * Billing → a subscription → Seats in use (issue 14): which device holds which seat, since when, its last
 * heartbeat, borrowed until; an owner releases one with a reason (audited: lease.force_released).
 */
export function registerSeatsInUseRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const tags = ['subscriptions'];

  app.get(
    '/api/v1/subscriptions/:id/leases',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'listLeases',
        summary: 'Seats in use: the subscription’s live leases (online and borrowed), newest first',
        description:
          'Each lease with its holder, device, app version, the address and place of the app session using it, ' +
          'when it was taken, the session’s last heartbeat, when an online lease lapses without one ' +
          '(expiresAt) and until when a borrowed one is out.',
        params: IdParams,
        querystring: LeaseListQuery,
        response: { 200: LeasePage, ...problems(OWNER_ONLY, { 400: ['invalid-cursor'], 404: ['not-found'] }) },
      },
    },
    async (request) => {
      const key = decodeCursor(request.query.cursor, ['number', 'number']);
      const page = await listSeatsInUse(deps.database.db, authOf(request).orgId, request.params.id, {
        state: request.query.state,
        after: key ? { takenAt: Number(key[0]), id: Number(key[1]) } : undefined,
        limit: request.query.limit ?? 50,
      });
      return { items: page.items, nextCursor: page.next ? encodeCursor([page.next.takenAt, page.next.id]) : null };
    },
  );

  app.delete(
    '/api/v1/subscriptions/:id/leases/:leaseId',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'forceReleaseLease',
        summary: 'Force-release a seat a device holds, with a reason (audited: lease.force_released)',
        description:
          'The seat is free at once. The app session using it ends: its next heartbeat answers 403 lease-released ' +
          'with the reason. A borrowed seat is released too; the app learns it at GET /app/borrowings/current ' +
          'when it is next online. A lease released already answers 404 lease-not-found.',
        params: LeaseParams,
        body: ForceReleaseBody,
        response: {
          204: Type.Null(),
          ...problems(OWNER_ONLY, { 404: ['not-found', 'lease-not-found'] }),
        },
      },
    },
    async (request, reply) => {
      await forceReleaseLease(deps, auditActorOf(request), {
        orgId: authOf(request).orgId,
        subscriptionId: request.params.id,
        leaseId: Number(request.params.leaseId),
        reason: request.body.reason,
      });
      return reply.code(204).send(null);
    },
  );
}
