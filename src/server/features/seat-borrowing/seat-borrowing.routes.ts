import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { BearerHeaders } from '../../../contract/app-sessions.ts';
import { BorrowBody, BorrowingSchema, BorrowResultSchema } from '../../../contract/leases.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, problems } from '../../http/app-types.ts';
import { sessionInvalid } from '../app-sessions/index.ts';
import { borrowSeat } from './borrow-seat.ts';
import { invalidLeaseFile } from './lease-file.ts';
import { readBorrowing, returnBorrowing } from './return-borrowing.ts';

/** A session that is over answers as its heartbeat would (app-sessions/judge-heartbeat.ts). */
const SESSION_OVER = {
  401: [
    'session-invalid',
    'session-ended',
    'session-timed-out',
    'account-deactivated',
    'session-revoked',
    'session-replaced',
  ],
  403: ['seat-removed', 'subscription-expired', 'lease-released'],
} as const;

/** Offline borrowing (issue 14): the app's session checks its seat out; the lease file returns it. */
export function registerSeatBorrowingRoutes(app: App, deps: AppDeps): void {
  const tags = ['apps'];

  app.post(
    '/api/v1/app/sessions/current/borrow',
    {
      schema: {
        tags,
        operationId: 'borrowSeat',
        summary: 'Check the session’s seat out for offline use; answers a signed lease file',
        description:
          'Up to the subscription’s maxBorrowDays (0: borrowing is off). On a floating pool, minPoolSeats seats ' +
          'are never lent. Borrowing again replaces the file and its end (the same lease, counted once). Verify the ' +
          'file offline with the keys at keysUrl (GET /api/v1/license-keys); it is also the credential of the ' +
          'return. docs/offline-borrowing.md.',
        security: [{ appSession: [] }],
        headers: BearerHeaders,
        body: BorrowBody,
        response: {
          201: BorrowResultSchema,
          ...problems(SESSION_OVER, {
            400: ['borrow-too-long'],
            403: ['borrowing-not-allowed'],
            409: ['no-lease', 'pool-minimum'],
          }),
        },
      },
    },
    async (request, reply) => {
      const token = bearerOf(request);
      if (!token) throw sessionInvalid();
      return reply.code(201).send(await borrowSeat(deps, token, request.body.days));
    },
  );

  app.post(
    '/api/v1/app/borrowings/current/return',
    {
      schema: {
        tags,
        operationId: 'returnBorrowing',
        summary: 'Give a borrowed seat back early (Bearer: the lease file)',
        description: 'The seat is free at once; an app session still using the lease ends.',
        security: [{ leaseFile: [] }],
        headers: BearerHeaders,
        response: {
          204: Type.Null(),
          ...problems({ 401: ['invalid-lease-file'], 410: ['lease-not-live'] }),
        },
      },
    },
    async (request, reply) => {
      const leaseFile = bearerOf(request);
      if (!leaseFile) throw invalidLeaseFile();
      await returnBorrowing(deps, leaseFile);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/app/borrowings/current',
    {
      schema: {
        tags,
        operationId: 'getBorrowing',
        summary: 'What became of a borrowing (Bearer: the lease file)',
        description:
          'For an app back online: borrowed, returned, released by an owner (with their note), or expired. ' +
          'Expired files are answered too.',
        security: [{ leaseFile: [] }],
        headers: BearerHeaders,
        response: { 200: BorrowingSchema, ...problems({ 401: ['invalid-lease-file'], 410: ['lease-not-live'] }) },
      },
    },
    async (request) => {
      const leaseFile = bearerOf(request);
      if (!leaseFile) throw invalidLeaseFile();
      return readBorrowing(deps, leaseFile);
    },
  );
}

function bearerOf(request: FastifyRequest): string | undefined {
  return /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
}
