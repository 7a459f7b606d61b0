import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, expect, it } from 'vitest';
import { releaseExpiredBorrowings } from '../../src/server/features/app-sessions/close-sessions.ts';
import { createNotificationWorkers } from '../../src/server/features/notifications/index.ts';
import {
  assignSeat,
  createMember,
  createSubscription,
  DEVICE,
  heartbeat,
  MEMBER_PASSWORD,
  startAppSession,
} from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const DAY = 86_400_000;

/** A value's shape: every key with the type of its value, recursively (what a documented example must match). */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([key, inner]) => [key, shapeOf(inner)])
        .sort(),
    );
  }
  return value === null ? 'null' : typeof value;
}

/** The JSON example of docs/floating-seats.md whose `type` (or problem `code`) is `name`. */
function documented(name: string): unknown {
  const guide = fs.readFileSync(new URL('../../docs/floating-seats.md', import.meta.url), 'utf8');
  const blocks = [...guide.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1] ?? 'null'));
  return blocks.find((block) => block.type === name || block.code === name);
}

/** An organization with a named subscription of 5 seats, and a member who holds one (device limit: the default, 2). */
async function memberWithSeat(context: TestContext) {
  const org = await createOrgWithOwner(context);
  const owner = await signIn(context.app, org.email, org.password);
  const subscription = await createSubscription(context, org.orgId, { seats: 5, name: 'Designer' });
  const member = await createMember(context, owner);
  expect((await assignSeat(context, owner, subscription.subscriptionId, member.id)).statusCode).toBe(201);
  return { org, owner, member, ...subscription };
}

const deviceOf = (index: number) => ({ ...DEVICE, id: `machine-${index}`, name: `Workstation ${index}` });

function signInOn(context: TestContext, seat: { member: { email: string }; productKey: string }, device: object) {
  return startAppSession(context, {
    email: seat.member.email,
    password: MEMBER_PASSWORD,
    appKey: seat.productKey,
    device: device as Record<string, unknown>,
  });
}

async function leasesOf(context: TestContext, subscriptionId: string) {
  return context.deps.database.db
    .selectFrom('seat_leases')
    .select(['id', 'device_id', 'app_session_id', 'borrowed_until', 'released_at', 'release_reason'])
    .where('subscription_id', '=', subscriptionId)
    .orderBy('id')
    .execute();
}

async function counts(context: TestContext, subscriptionId: string) {
  const row = await context.deps.database.db
    .selectFrom('subscriptions')
    .select(['leased', 'borrowed'])
    .where('id', '=', subscriptionId)
    .executeTakeFirstOrThrow();
  return { leased: Number(row.leased), borrowed: Number(row.borrowed) };
}

/**
 * Makes the device's live lease a borrowed one, as the borrow route does to the row and the counters
 * (POST /app/sessions/current/borrow, built separately, signs the lease file as well).
 */
async function borrow(context: TestContext, subscriptionId: string, deviceId: string, until: number) {
  const db = context.deps.database.db;
  await db
    .updateTable('seat_leases')
    .set({ borrowed_at: context.deps.now(), borrowed_until: until, signing_key_id: 'test-key' })
    .where('subscription_id', '=', subscriptionId)
    .where('device_id', '=', deviceId)
    .where('released_at', 'is', null)
    .execute();
  await db
    .updateTable('subscriptions')
    .set((eb) => ({ borrowed: eb('borrowed', '+', 1) }))
    .where('id', '=', subscriptionId)
    .execute();
}

function signOut(context: TestContext, token: string) {
  return context.app.inject({
    method: 'DELETE',
    url: '/api/v1/app/sessions/current',
    headers: { authorization: `Bearer ${token}` },
  });
}

const receivers: http.Server[] = [];
afterAll(async () => {
  for (const server of receivers) await new Promise((resolve) => server.close(resolve));
});

/** A local webhook receiver keeping the bodies and headers it is sent. */
async function startReceiver() {
  const received: { headers: Record<string, string>; body: string }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString() });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receivers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

async function addWebhook(context: TestContext, owner: Session, url: string) {
  const created = await context.app.inject({
    method: 'POST',
    url: '/api/v1/webhooks',
    headers: as(owner),
    payload: { url, description: 'Vendor back end' },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().secret as string;
}

describeEachDatabase(
  'named seats on devices',
  (ctx) => {
    it('runs a seat on 2 devices, refuses a 3rd (403 device-limit naming them), and a same-device sign-in replaces the old session', async () => {
      const seat = await memberWithSeat(ctx());
      const first = await signInOn(ctx(), seat, deviceOf(1));
      const second = await signInOn(ctx(), seat, deviceOf(2));
      expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
      expect(Date.parse(first.json().expiresAt) - Date.now()).toBeLessThanOrEqual(3 * 60_000);

      const third = await signInOn(ctx(), seat, deviceOf(3));
      expect(third.json()).toMatchObject({ status: 403, code: 'device-limit', denialId: expect.any(String) });
      expect(third.json().detail).toContain('Workstation 1');
      expect(third.json().detail).toContain('Workstation 2');
      expect(third.json().detail).toContain('Seats in use');
      const [denial] = await ctx()
        .deps.database.db.selectFrom('seat_denials')
        .select(['id', 'reason', 'device_id', 'subscription_id', 'outcome'])
        .where('user_id', '=', seat.member.id)
        .execute();
      expect(denial).toEqual({
        id: denial?.id,
        reason: 'device_limit',
        device_id: 'machine-3',
        subscription_id: seat.subscriptionId,
        outcome: 'pending',
      });
      expect(String(denial?.id)).toBe(third.json().denialId);
      const [attempt] = (
        await ctx().app.inject({
          url: `/api/v1/users/${seat.member.id}/activity?type=login&outcome=failure`,
          headers: as(seat.owner),
        })
      ).json().items;
      expect(attempt).toMatchObject({ failureReason: 'device_limit', device: { deviceId: 'machine-3' } });

      // Signing in again on the first machine takes its session over; the old token learns it.
      const again = await signInOn(ctx(), seat, deviceOf(1));
      expect(again.statusCode).toBe(201);
      expect((await heartbeat(ctx(), first.json().sessionToken)).json()).toMatchObject({
        status: 401,
        code: 'session-replaced',
      });
      expect((await heartbeat(ctx(), again.json().sessionToken)).statusCode).toBe(204);
      expect((await heartbeat(ctx(), second.json().sessionToken)).statusCode).toBe(204);
      const live = (await leasesOf(ctx(), seat.subscriptionId)).filter((lease) => lease.released_at === null);
      expect(live.map((lease) => lease.device_id).sort()).toEqual(['machine-1', 'machine-2']);
      expect(await counts(ctx(), seat.subscriptionId)).toEqual({ leased: 2, borrowed: 0 });

      // Signing out on one machine frees a place for the third, whose earlier refusal is then settled.
      expect((await signOut(ctx(), second.json().sessionToken)).statusCode).toBe(204);
      expect((await signInOn(ctx(), seat, deviceOf(3))).statusCode).toBe(201);
      const settled = await ctx()
        .deps.database.db.selectFrom('seat_denials')
        .select('outcome')
        .where('user_id', '=', seat.member.id)
        .executeTakeFirstOrThrow();
      expect(settled.outcome).toBe('seat_on_retry');
    });

    it('lets exactly device_limit of 30 parallel sign-ins of one user on 30 devices through', async () => {
      const seat = await memberWithSeat(ctx());
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, index) => signInOn(ctx(), seat, deviceOf(index))),
      );
      const codes = answers.map((answer) => (answer.statusCode === 201 ? 201 : answer.json().code));
      expect(codes.filter((code) => code === 201)).toHaveLength(2);
      expect(codes.filter((code) => code === 'device-limit')).toHaveLength(28);
      const live = (await leasesOf(ctx(), seat.subscriptionId)).filter((lease) => lease.released_at === null);
      expect(live).toHaveLength(2);
      expect(await counts(ctx(), seat.subscriptionId)).toEqual({ leased: 2, borrowed: 0 });
    });

    it('a borrowed seat outlives its session, is picked up by the next sign-in on that device, and dies with the seat', async () => {
      const seat = await memberWithSeat(ctx());
      const token = (await signInOn(ctx(), seat, deviceOf(1))).json().sessionToken;
      await borrow(ctx(), seat.subscriptionId, 'machine-1', ctx().deps.now() + 7 * DAY);
      expect((await signOut(ctx(), token)).statusCode).toBe(204);
      const [kept] = await leasesOf(ctx(), seat.subscriptionId);
      expect(kept).toMatchObject({ released_at: null, app_session_id: null });

      // Back online on the same machine: the borrowed lease is its seat again, no second one is taken.
      const back = await signInOn(ctx(), seat, deviceOf(1));
      expect(back.statusCode).toBe(201);
      const leases = await leasesOf(ctx(), seat.subscriptionId);
      expect(leases).toHaveLength(1);
      expect(leases[0]?.app_session_id).not.toBeNull();
      expect(await counts(ctx(), seat.subscriptionId)).toEqual({ leased: 1, borrowed: 1 });

      const unassigned = await ctx().app.inject({
        method: 'DELETE',
        url: `/api/v1/subscriptions/${seat.subscriptionId}/assignments/${seat.member.id}`,
        headers: as(seat.owner),
      });
      expect(unassigned.statusCode).toBe(204);
      expect(await leasesOf(ctx(), seat.subscriptionId)).toEqual([
        expect.objectContaining({ released_at: expect.anything(), release_reason: 'seat_removed' }),
      ]);
      expect(await counts(ctx(), seat.subscriptionId)).toEqual({ leased: 0, borrowed: 0 });
      expect((await heartbeat(ctx(), back.json().sessionToken)).json()).toMatchObject({ code: 'seat-removed' });
    });

    it('deactivation releases the user’s borrowed seats (reason deactivated)', async () => {
      const seat = await memberWithSeat(ctx());
      const token = (await signInOn(ctx(), seat, deviceOf(1))).json().sessionToken;
      await borrow(ctx(), seat.subscriptionId, 'machine-1', ctx().deps.now() + 7 * DAY);
      expect((await signOut(ctx(), token)).statusCode).toBe(204);
      const deactivated = await ctx().app.inject({
        method: 'POST',
        url: `/api/v1/users/${seat.member.id}/deactivate`,
        headers: as(seat.owner),
        payload: { reason: 'left_organization' },
      });
      expect(deactivated.statusCode).toBe(200);
      expect(await leasesOf(ctx(), seat.subscriptionId)).toEqual([
        expect.objectContaining({ released_at: expect.anything(), release_reason: 'deactivated' }),
      ]);
      expect(await counts(ctx(), seat.subscriptionId)).toEqual({ leased: 0, borrowed: 0 });
    });

    it('the sweep releases borrowings whose time is up (reason borrow_expired), once', async () => {
      const seat = await memberWithSeat(ctx());
      const token = (await signInOn(ctx(), seat, deviceOf(1))).json().sessionToken;
      await borrow(ctx(), seat.subscriptionId, 'machine-1', ctx().deps.now() + 2 * DAY);
      expect((await signOut(ctx(), token)).statusCode).toBe(204);
      const sweep = (at: number) =>
        ctx()
          .deps.database.db.transaction()
          .execute((trx) => releaseExpiredBorrowings(trx, at));
      await sweep(ctx().deps.now() + DAY);
      expect(await counts(ctx(), seat.subscriptionId)).toEqual({ leased: 1, borrowed: 1 });
      const [first, second] = await Promise.all([sweep(ctx().deps.now() + 3 * DAY), sweep(ctx().deps.now() + 3 * DAY)]);
      expect((first ?? 0) + (second ?? 0)).toBeGreaterThanOrEqual(1);
      expect(await leasesOf(ctx(), seat.subscriptionId)).toEqual([
        expect.objectContaining({ release_reason: 'borrow_expired' }),
      ]);
      expect(await counts(ctx(), seat.subscriptionId)).toEqual({ leased: 0, borrowed: 0 });
    });

    it('tells the vendor’s back end through signed webhooks: seat assigned, lease taken, denied, released, seat unassigned', async () => {
      const org = await createOrgWithOwner(ctx());
      const owner = await signIn(ctx().app, org.email, org.password);
      const { productKey, subscriptionId } = await createSubscription(ctx(), org.orgId, { seats: 2, name: 'Designer' });
      const member = await createMember(ctx(), owner);
      const receiver = await startReceiver();
      ctx().deps.config.webhookAllowPrivate = true;
      try {
        const secret = await addWebhook(ctx(), owner, receiver.url);
        expect((await assignSeat(ctx(), owner, subscriptionId, member.id)).statusCode).toBe(201);
        const seat = { member, productKey };
        expect((await signInOn(ctx(), seat, deviceOf(1))).statusCode).toBe(201);
        expect((await signInOn(ctx(), seat, deviceOf(2))).statusCode).toBe(201);
        expect((await signInOn(ctx(), seat, deviceOf(3))).statusCode).toBe(403);
        const unassigned = await ctx().app.inject({
          method: 'DELETE',
          url: `/api/v1/subscriptions/${subscriptionId}/assignments/${member.id}`,
          headers: as(owner),
        });
        expect(unassigned.statusCode).toBe(204);
        const workers = createNotificationWorkers(ctx().deps);
        await workers.runOnce();
        const verifier = new Webhook(secret);
        const events = receiver.received.map(
          (message) =>
            verifier.verify(message.body, message.headers) as { type: string; data: Record<string, unknown> },
        );
        // Deliveries go out side by side: their order of arrival is not the order of the events.
        expect(events.map((event) => event.type).sort()).toEqual([
          'lease.denied',
          'lease.released',
          'lease.released',
          'lease.taken',
          'lease.taken',
          'seat.assigned',
          'seat.unassigned',
        ]);
        const of = (type: string) => events.find((event) => event.type === type)?.data;
        // docs/floating-seats.md shows messages of the same shape.
        for (const type of ['seat.assigned', 'lease.denied']) {
          expect(shapeOf(documented(type)), type).toEqual(shapeOf(events.find((event) => event.type === type)));
        }
        expect(of('seat.assigned')).toMatchObject({
          seat: { subscriptionId, product: productKey, userId: member.id },
          seatsAssigned: 1,
          seats: 2,
        });
        expect(of('lease.denied')).toMatchObject({
          denial: { reason: 'device_limit', userId: member.id, deviceId: 'machine-3', product: productKey },
        });
        expect(of('lease.released')).toMatchObject({ lease: { userId: member.id, reason: 'session_ended' } });
        expect(of('seat.unassigned')).toMatchObject({
          seat: { subscriptionId, userId: member.id, reason: 'unassigned' },
          seatsAssigned: 0,
        });
      } finally {
        ctx().deps.config.webhookAllowPrivate = false;
      }
    });
  },
  // 30 sign-ins of one account at once would otherwise meet the account's throttle (5 tries reserved at a
  // time, 429) before the seat: raised here so that every one of them reaches the device count.
  { throttle: { accountFailures: 100, ipFailures: 1000, deviceFailures: 100, windowSeconds: 900 } },
);
