import { expect, it } from 'vitest';
import type { Alert } from '../../src/contract/security.ts';
import { runSeatAlerts } from '../../src/server/features/seat-alerts/index.ts';
import {
  DENIAL_RETRY_WINDOW_MS,
  recordSeatDenial,
  settleDenialsOnSeat,
} from '../../src/server/features/seat-denials/index.ts';
import { takeLease } from '../../src/server/features/seat-leases/index.ts';
import { DAY_MS, MINUTE_MS } from '../../src/server/lib/time.ts';
import { createMember, createSubscription } from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

/** 10:00 UTC on a Friday; the organizations here keep the default time zone (UTC). */
const START = Date.parse('2030-03-01T10:00:00Z');

/**
 * An organization with an owner, a webhook endpoint and a floating pool of `seats` of a product named
 * `name`: what every seat alert here is about.
 */
async function poolOrg(context: TestContext, name: string, seats: number) {
  // Sessions live on the server's clock: the organization starts at the tests' START.
  at(context, START);
  const org = await createOrgWithOwner(context, name);
  const owner = await signIn(context.app, org.email, org.password);
  const hook = await context.app.inject({
    method: 'POST',
    url: '/api/v1/webhooks',
    headers: as(owner),
    payload: { url: 'http://127.0.0.1:9/seat-hooks' },
  });
  expect(hook.statusCode).toBe(201);
  const { subscriptionId, productKey } = await createSubscription(context, org.orgId, { seats, name });
  await context.deps.database.db
    .updateTable('subscriptions')
    .set({ kind: 'floating' })
    .where('id', '=', subscriptionId)
    .execute();
  return { ...org, owner, subscriptionId, productKey };
}

const at = (context: TestContext, ms: number) => {
  context.clock.frozenAtMs = ms;
  context.clock.offsetMs = 0;
};

const run = (context: TestContext) => runSeatAlerts(context.deps.database.db, context.deps.now());

/** Two processes running the job at the same moment. */
const runRacing = (context: TestContext) => Promise.all([run(context), run(context)]);

async function alertsOf(context: TestContext, owner: Session, type: Alert['type']): Promise<Alert[]> {
  const page = await context.app.inject({ url: `/api/v1/alerts?type=${type}&limit=100`, headers: as(owner) });
  expect(page.statusCode).toBe(200);
  return page.json().items;
}

async function deny(
  context: TestContext,
  pool: { orgId: string; subscriptionId: string; productKey: string },
  userId: string,
) {
  return context.deps.database.db.transaction().execute((trx) =>
    recordSeatDenial(trx, {
      orgId: pool.orgId,
      subscriptionId: pool.subscriptionId,
      productKey: pool.productKey,
      userId,
      device: { id: `device-${userId}`, name: 'Laptop' },
      reason: 'pool_full',
      now: context.deps.now(),
    }),
  );
}

async function outcomeOf(context: TestContext, denialId: number) {
  const row = await context.deps.database.db
    .selectFrom('seat_denials')
    .select(['outcome', 'resolved_at'])
    .where('id', '=', denialId)
    .executeTakeFirstOrThrow();
  return { outcome: row.outcome, resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at) };
}

async function takeLeases(context: TestContext, pool: { orgId: string; subscriptionId: string }, count: number) {
  for (let index = 0; index < count; index += 1) {
    const taken = await context.deps.database.db.transaction().execute((trx) =>
      takeLease(trx, {
        subscription: { orgId: pool.orgId, id: pool.subscriptionId, kind: 'floating' },
        userId: `user-${index}-${Math.random().toString(36).slice(2)}`,
        appSessionId: null,
        device: { id: null, name: null },
        now: context.deps.now(),
      }),
    );
    expect(taken).not.toBeNull();
  }
}

/** The notifications queued for the organization's alerts: webhook deliveries and owners' digest items, by alert. */
async function notificationsOf(context: TestContext, orgId: string) {
  const db = context.deps.database.db;
  const deliveries = await db
    .selectFrom('webhook_deliveries')
    .select(['alert_id', 'event_type'])
    .where('org_id', '=', orgId)
    .where('alert_id', 'is not', null)
    .execute();
  const digest = await db.selectFrom('alert_digest_items').select('alert_id').where('org_id', '=', orgId).execute();
  return {
    webhooks: deliveries.map((row) => `${row.event_type}:${row.alert_id}`).sort(),
    digest: digest.map((row) => row.alert_id).sort(),
  };
}

describeEachDatabase(
  'seat alerts',
  (ctx) => {
    it('a pending denial becomes real (gave_up) only after 30 minutes without a seat, and then alerts', async () => {
      const pool = await poolOrg(ctx(), 'Vectorworks Design', 10);
      const member = await createMember(ctx(), pool.owner);
      at(ctx(), START);
      const denialId = await deny(ctx(), pool, member.id);

      at(ctx(), START + DENIAL_RETRY_WINDOW_MS);
      await run(ctx());
      expect(await outcomeOf(ctx(), denialId)).toEqual({ outcome: 'pending', resolvedAt: null });
      expect(await alertsOf(ctx(), pool.owner, 'seat_denied')).toEqual([]);

      at(ctx(), START + DENIAL_RETRY_WINDOW_MS + MINUTE_MS);
      await run(ctx());
      expect(await outcomeOf(ctx(), denialId)).toEqual({
        outcome: 'gave_up',
        resolvedAt: START + DENIAL_RETRY_WINDOW_MS + MINUTE_MS,
      });
      const [alert, ...more] = await alertsOf(ctx(), pool.owner, 'seat_denied');
      expect(more).toEqual([]);
      expect(alert).toMatchObject({
        severity: 'medium',
        status: 'open',
        user: null,
        ip: null,
        signInCount: 0,
        explanation:
          '1 person was turned away from Vectorworks Design on Fri 1 Mar 2030 and gave up: the floating pool of 10 was full.',
      });
      // The console's drawer reads the detail: it answers without any sign-in behind the alert.
      const detail = await ctx().app.inject({ url: `/api/v1/alerts/${alert?.id}`, headers: as(pool.owner) });
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({ signIns: [], places: [], evidence: [] });
    });

    it('a denial settled by a seat on a retry never alerts', async () => {
      const pool = await poolOrg(ctx(), 'Retry Studio', 4);
      const member = await createMember(ctx(), pool.owner);
      at(ctx(), START);
      const denialId = await deny(ctx(), pool, member.id);
      at(ctx(), START + 5 * MINUTE_MS);
      const settled = await ctx()
        .deps.database.db.transaction()
        .execute((trx) =>
          settleDenialsOnSeat(trx, {
            orgId: pool.orgId,
            userId: member.id,
            productKey: pool.productKey,
            now: ctx().deps.now(),
          }),
        );
      expect(settled).toBe(1);
      at(ctx(), START + 2 * DENIAL_RETRY_WINDOW_MS);
      await runRacing(ctx());
      expect((await outcomeOf(ctx(), denialId)).outcome).toBe('seat_on_retry');
      expect(await alertsOf(ctx(), pool.owner, 'seat_denied')).toEqual([]);
    });

    it('opens one seat_denied alert per subscription and day however many denials and racing runs, with its notifications once', async () => {
      const pool = await poolOrg(ctx(), 'Rhino Pool', 3);
      const members = [];
      for (let index = 0; index < 4; index += 1) members.push(await createMember(ctx(), pool.owner));
      // Three people turned away, two of them twice, over the morning.
      const times = [0, 7, 15, 40, 55].map((minutes) => START + minutes * MINUTE_MS);
      const who = [0, 1, 0, 2, 1];
      for (const [index, time] of times.entries()) {
        at(ctx(), time);
        await deny(ctx(), pool, members[who[index] ?? 0]?.id ?? '');
      }
      at(ctx(), START + 2 * 60 * MINUTE_MS);
      await runRacing(ctx());
      await runRacing(ctx());
      let alerts = await alertsOf(ctx(), pool.owner, 'seat_denied');
      expect(alerts).toHaveLength(1);
      expect(alerts[0]?.explanation).toBe(
        '3 people were turned away from Rhino Pool on Fri 1 Mar 2030 and gave up: the floating pool of 3 was full.',
      );
      const alertId = alerts[0]?.id ?? '';
      // Medium is at the default minimum severity of the owners' digest; every enabled endpoint hears of it once.
      expect(await notificationsOf(ctx(), pool.orgId)).toEqual({
        webhooks: [`alert.opened:${alertId}`],
        digest: [alertId],
      });

      // A fourth person later the same day: the same alert counts them, nothing is sent again.
      at(ctx(), START + 5 * 60 * MINUTE_MS);
      await deny(ctx(), pool, members[3]?.id ?? '');
      at(ctx(), START + 6 * 60 * MINUTE_MS);
      await runRacing(ctx());
      alerts = await alertsOf(ctx(), pool.owner, 'seat_denied');
      expect(alerts.map((alert) => alert.id)).toEqual([alertId]);
      expect(alerts[0]?.explanation).toMatch(/^4 people were turned away from Rhino Pool on Fri 1 Mar 2030/);
      expect((await notificationsOf(ctx(), pool.orgId)).webhooks).toHaveLength(1);

      // The next day starts afresh.
      at(ctx(), START + DAY_MS);
      const owner = await signIn(ctx().app, pool.email, pool.password);
      await deny(ctx(), pool, members[0]?.id ?? '');
      at(ctx(), START + DAY_MS + DENIAL_RETRY_WINDOW_MS + MINUTE_MS);
      await runRacing(ctx());
      alerts = await alertsOf(ctx(), owner, 'seat_denied');
      expect(alerts).toHaveLength(2);
      expect(alerts[0]?.explanation).toMatch(/^1 person was turned away from Rhino Pool on Sat 2 Mar 2030/);
      expect((await notificationsOf(ctx(), pool.orgId)).webhooks).toHaveLength(2);
    });

    it('opens the 80, 90 and 100 % pressure alerts of a pool of 10 once each per day, resolved or not', async () => {
      const pool = await poolOrg(ctx(), 'Vectorworks Pool', 10);
      const expected = [
        {
          leases: 8,
          severity: 'low',
          text: /^The Vectorworks Pool floating pool reached 8 of 10 seats in use \(80 %, past the 80 % mark\) between 10:00 and 11:00 on Fri 1 Mar 2030 \(UTC\)\.$/,
        },
        { leases: 1, severity: 'low', text: /reached 9 of 10 seats in use \(90 %, past the 90 % mark\)/ },
        {
          leases: 1,
          severity: 'medium',
          text: /^All 10 seats of the Vectorworks Pool floating pool were in use between 10:00 and 11:00 on Fri 1 Mar 2030 \(UTC\): the next person to start it is turned away until a seat is freed\.$/,
        },
      ];
      let minute = 1;
      for (const [index, step] of expected.entries()) {
        at(ctx(), START + minute * MINUTE_MS);
        await takeLeases(ctx(), pool, step.leases);
        for (let runs = 0; runs < 3; runs += 1) {
          minute += 1;
          at(ctx(), START + minute * MINUTE_MS);
          await runRacing(ctx());
        }
        const alerts = await alertsOf(ctx(), pool.owner, 'seat_pressure');
        expect(alerts).toHaveLength(index + 1);
        expect(alerts[0]).toMatchObject({ severity: step.severity, status: 'open', user: null, signInCount: 0 });
        expect(alerts[0]?.explanation).toMatch(step.text);
      }
      const alerts = await alertsOf(ctx(), pool.owner, 'seat_pressure');
      // Webhooks for all three; the owners' digest only for the full pool (the default minimum is medium).
      expect(await notificationsOf(ctx(), pool.orgId)).toEqual({
        webhooks: alerts.map((alert) => `alert.opened:${alert.id}`).sort(),
        digest: [alerts[0]?.id],
      });

      // Resolving the 100 % alert does not bring it back the same day, in this hour or the next.
      const resolved = await ctx().app.inject({
        method: 'PATCH',
        url: `/api/v1/alerts/${alerts[0]?.id}`,
        headers: as(pool.owner),
        payload: { status: 'resolved' },
      });
      expect(resolved.statusCode).toBe(200);
      at(ctx(), START + 70 * MINUTE_MS);
      await runRacing(ctx());
      expect(await alertsOf(ctx(), pool.owner, 'seat_pressure')).toHaveLength(3);
    });

    it('a pool that fills at once between two runs opens the 100 % alert only, and the owners get what their settings ask for', async () => {
      const pool = await poolOrg(ctx(), 'Archicad Pool', 5);
      const settings = await ctx().app.inject({
        method: 'PATCH',
        url: '/api/v1/organization/security',
        headers: as(pool.owner),
        payload: { notifications: { emailOwners: false, minimumSeverity: 'low', digestMinutes: 15, askUsers: true } },
      });
      expect(settings.statusCode).toBe(200);
      at(ctx(), START + 3 * MINUTE_MS);
      await takeLeases(ctx(), pool, 5);
      at(ctx(), START + 4 * MINUTE_MS);
      await runRacing(ctx());
      const alerts = await alertsOf(ctx(), pool.owner, 'seat_pressure');
      expect(alerts.map((alert) => alert.explanation)).toEqual([
        expect.stringMatching(/^All 5 seats of the Archicad Pool/),
      ]);
      // E-mail to owners is off: the webhook still goes.
      expect(await notificationsOf(ctx(), pool.orgId)).toEqual({
        webhooks: [`alert.opened:${alerts[0]?.id}`],
        digest: [],
      });
    });
  },
  { config: { WEBHOOK_ALLOW_PRIVATE: '1' } },
);
