import { Type } from 'typebox';
import { IdParams } from '../../../contract/schema-helpers.ts';
import {
  AssignBody,
  AssignmentPage,
  AssignmentParams,
  ReassignBody,
  SeatRulesPatch,
  SubscriptionListQuery,
  SubscriptionPage,
} from '../../../contract/subscriptions.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { notFound } from '../../lib/app-error.ts';
import { assignSeat, listAssignments, reassignSeat, unassignSeat } from '../licenses/index.ts';
import { changeSeatRules } from './change-seat-rules.ts';
import { setAutoRenew } from './set-auto-renew.ts';
import { toSubscription } from './subscription-status.ts';
import { findSubscription, listSubscriptions } from './subscriptions.repository.ts';

const Subscription = Type.Ref('Subscription');
const NOT_FOUND = { 404: ['not-found'] };
/** Why a seat cannot be given (licenses/change-seat-assignments.ts). */
const SEAT_CONFLICTS = ['user-deactivated', 'subscription-expired', 'no-free-seat', 'floating-subscription'];

export function registerSubscriptionRoutes(app: App, deps: AppDeps): void {
  const owner = requireOwner(deps);
  const tags = ['subscriptions'];
  const db = deps.database.db;

  app.get(
    '/api/v1/subscriptions',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'listSubscriptions',
        summary: 'The organization’s subscriptions with seats purchased and assigned',
        querystring: SubscriptionListQuery,
        response: { 200: SubscriptionPage, ...problems(OWNER_ONLY) },
      },
    },
    async (request) => {
      const now = deps.now();
      const items = (await listSubscriptions(db, authOf(request).orgId))
        .map((row) => toSubscription(row, now))
        .filter((subscription) => !request.query.status || subscription.status === request.query.status);
      return { items, nextCursor: null };
    },
  );

  app.get(
    '/api/v1/subscriptions/:id',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'getSubscription',
        summary: 'One subscription',
        params: IdParams,
        response: { 200: Subscription, ...problems(OWNER_ONLY, NOT_FOUND) },
      },
    },
    async (request) => {
      const row = await findSubscription(db, authOf(request).orgId, request.params.id);
      if (!row) throw notFound('Subscription');
      return toSubscription(row, deps.now());
    },
  );

  app.get(
    '/api/v1/subscriptions/:id/assignments',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'listAssignments',
        summary: 'Who holds a seat of this subscription',
        params: IdParams,
        response: { 200: AssignmentPage, ...problems(OWNER_ONLY, NOT_FOUND) },
      },
    },
    async (request) => {
      const { orgId } = authOf(request);
      if (!(await findSubscription(db, orgId, request.params.id))) throw notFound('Subscription');
      return { items: await listAssignments(db, orgId, request.params.id), nextCursor: null };
    },
  );

  app.post(
    '/api/v1/subscriptions/:id/assignments',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'assignSeat',
        summary: 'Give a user a seat (409 no-free-seat when all are taken)',
        params: IdParams,
        body: AssignBody,
        response: {
          200: { ...Type.Ref('Assignment'), description: 'The user already held a seat: that assignment' },
          201: { ...Type.Ref('Assignment'), description: 'Seat given' },
          ...problems(OWNER_ONLY, NOT_FOUND, { 409: SEAT_CONFLICTS }),
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const result = await assignSeat(deps, auth.orgId, auditActorOf(request), request.params.id, request.body.userId);
      return reply.code(result.created ? 201 : 200).send(result.assignment);
    },
  );

  app.delete(
    '/api/v1/subscriptions/:id/assignments/:userId',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'unassignSeat',
        summary: 'Free a user’s seat; their running app sessions end',
        params: AssignmentParams,
        response: { 204: Type.Null(), ...problems(OWNER_ONLY, { 404: ['not-found', 'not-assigned'] }) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      await unassignSeat(deps, auth.orgId, auditActorOf(request), request.params.id, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/subscriptions/:id/assignments/:userId/reassign',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'reassignSeat',
        summary: 'Move a seat from this holder to another user, in one step',
        params: AssignmentParams,
        body: ReassignBody,
        response: {
          201: Type.Ref('Assignment'),
          ...problems(OWNER_ONLY, { 404: ['not-found', 'not-assigned'], 409: ['already-assigned', ...SEAT_CONFLICTS] }),
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const { id, userId } = request.params;
      return reply
        .code(201)
        .send(await reassignSeat(deps, auth.orgId, auditActorOf(request), id, userId, request.body.toUserId));
    },
  );

  app.patch(
    '/api/v1/subscriptions/:id/seat-rules',
    {
      preHandler: owner,
      schema: {
        tags,
        operationId: 'changeSeatRules',
        summary: 'Change the seat rules: lease window, device limit, borrowing, seats kept in the pool, reclaim',
        description:
          'Audited as subscription.seat_rules_changed. 409 seat-rules-conflict when a rule does not fit the ' +
          'subscription: reclaimAfterDays on a floating pool, minPoolSeats on named seats, or minPoolSeats not ' +
          'below the pool’s seats. Leases already out keep their terms.',
        params: IdParams,
        body: SeatRulesPatch,
        response: { 200: Subscription, ...problems(OWNER_ONLY, NOT_FOUND, { 409: ['seat-rules-conflict'] }) },
      },
    },
    async (request) =>
      changeSeatRules(deps, authOf(request).orgId, request.params.id, request.body, auditActorOf(request)),
  );

  for (const [action, autoRenew, summary, operationId] of [
    ['cancel', false, 'Cancel at the period’s end (access continues until expiresAt)', 'cancelSubscription'],
    ['resume', true, 'Undo a cancellation: renew at the period’s end again', 'resumeSubscription'],
  ] as const) {
    app.post(
      `/api/v1/subscriptions/:id/${action}`,
      {
        preHandler: owner,
        schema: {
          tags,
          operationId,
          summary,
          params: IdParams,
          response: { 200: Subscription, ...problems(OWNER_ONLY, NOT_FOUND, { 409: ['subscription-expired'] }) },
        },
      },
      async (request) => setAutoRenew(deps, authOf(request).orgId, request.params.id, autoRenew, auditActorOf(request)),
    );
  }
}
