import { expect, it } from 'vitest';
import { closeSilentSessions } from '../../src/server/features/app-sessions/close-sessions.ts';
import {
  assignSeat,
  createMember,
  createSubscription,
  DEVICE,
  heartbeat,
  MEMBER_PASSWORD,
  startAppSession,
} from '../helpers/licenses.ts';
import { as, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const MINUTE = 60_000;

/** An organization with a 3-seat subscription, and a member who holds one of the seats. */
async function memberWithSeat(context: TestContext, options: { expiresInDays?: number } = {}) {
  const org = await createOrgWithOwner(context);
  const owner = await signIn(context.app, org.email, org.password);
  const subscription = await createSubscription(context, org.orgId, { seats: 3, name: 'Designer', ...options });
  const member = await createMember(context, owner);
  expect((await assignSeat(context, owner, subscription.subscriptionId, member.id)).statusCode).toBe(201);
  return { org, owner, member, ...subscription };
}

async function activityOf(context: TestContext, owner: Parameters<typeof as>[0], userId: string, query = '') {
  return (await context.app.inject({ url: `/api/v1/users/${userId}/activity?${query}`, headers: as(owner) })).json()
    .items;
}

describeEachDatabase('app sessions', (ctx) => {
  it('signs in through an app, heartbeats, signs out; Activity and daily usage show it', async () => {
    const { owner, member, productKey, subscriptionId, org } = await memberWithSeat(ctx());
    // Durations are checked to the second: the server's clock moves only when the test moves it.
    ctx().clock.frozenAtMs = Date.now();
    const started = await startAppSession(ctx(), {
      email: member.email,
      password: MEMBER_PASSWORD,
      appKey: productKey,
    });
    expect(started.statusCode).toBe(201);
    const body = started.json();
    expect(body).toMatchObject({
      sessionToken: expect.any(String),
      heartbeatIntervalSeconds: 60,
      license: { subscriptionId, product: { key: productKey, name: 'Designer' } },
    });
    // Same millisecond: a session sorts before the sign-in that opened it.
    const [session, login] = await activityOf(ctx(), owner, member.id);
    expect(session).toMatchObject({
      type: 'app_session',
      client: 'app',
      ip: '81.2.69.142',
      device: {
        type: 'desktop',
        os: 'Windows',
        osVersion: '11',
        app: productKey,
        appVersion: '2.4.1',
        deviceId: DEVICE.id,
        name: DEVICE.name,
      },
      session: { active: true, endedAt: null, endReason: null },
    });
    expect(session.location).toMatchObject({ city: 'London' });
    expect(login).toMatchObject({ type: 'login', client: 'app', outcome: 'success', device: { app: productKey } });

    try {
      ctx().clock.offsetMs = MINUTE;
      expect((await heartbeat(ctx(), body.sessionToken)).statusCode).toBe(204);
      ctx().clock.offsetMs = 2 * MINUTE;
      expect((await heartbeat(ctx(), body.sessionToken)).statusCode).toBe(204);
      ctx().clock.offsetMs = 2 * MINUTE + 30_000;
      const signOut = await ctx().app.inject({
        method: 'DELETE',
        url: '/api/v1/app/sessions/current',
        headers: { authorization: `Bearer ${body.sessionToken}` },
      });
      expect(signOut.statusCode).toBe(204);
      const after = await heartbeat(ctx(), body.sessionToken);
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe('session-ended');
    } finally {
      ctx().clock.offsetMs = 0;
      ctx().clock.frozenAtMs = undefined;
    }
    const ended = (await activityOf(ctx(), owner, member.id, 'type=app_session'))[0];
    expect(ended.session).toMatchObject({ active: false, endReason: 'signed_out', durationSeconds: 150 });
    const usage = await ctx()
      .deps.database.db.selectFrom('daily_app_usage')
      .select(['sessions', 'active_seconds'])
      .where('org_id', '=', org.orgId)
      .where('user_id', '=', member.id)
      .execute();
    expect(usage.reduce((sum, row) => sum + row.sessions, 0)).toBe(1);
    // 150 s of use, counted between whole-second marks: 150, or 151 when the real clock crossed a mark meanwhile.
    const seconds = usage.reduce((sum, row) => sum + row.active_seconds, 0);
    expect(seconds).toBeGreaterThanOrEqual(150);
    expect(seconds).toBeLessThanOrEqual(151);
    const holders = (
      await ctx().app.inject({ url: `/api/v1/subscriptions/${subscriptionId}/assignments`, headers: as(owner) })
    ).json().items;
    expect(holders[0].lastUsedAt).not.toBeNull();
  });

  it('answers 403 no-license to a user without a seat, and records the attempt', async () => {
    const { owner, productKey } = await memberWithSeat(ctx());
    const seatless = await createMember(ctx(), owner, 'Seatless');
    const response = await startAppSession(ctx(), {
      email: seatless.email,
      password: MEMBER_PASSWORD,
      appKey: productKey,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'no-license', type: '/problems/no-license' });
    const [attempt] = await activityOf(ctx(), owner, seatless.id, 'type=login&outcome=failure');
    expect(attempt).toMatchObject({
      client: 'app',
      failureReason: 'no_license',
      device: { app: productKey, name: DEVICE.name },
    });
  });

  it('answers a wrong password like the console does and counts it; an unknown app is 404 and stores nothing', async () => {
    const { owner, member, productKey } = await memberWithSeat(ctx());
    const wrong = await startAppSession(ctx(), { email: member.email, password: 'nope nope nope', appKey: productKey });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid-credentials');
    const count = async () => (await activityOf(ctx(), owner, member.id, 'limit=200')).length;
    const before = await count();
    const unknown = await startAppSession(ctx(), {
      email: member.email,
      password: MEMBER_PASSWORD,
      appKey: 'no-such-app',
    });
    expect(unknown.json()).toMatchObject({ status: 404, code: 'unknown-app' });
    expect(await count()).toBe(before);
  });

  it('ends sessions at deactivation, seat removal and expiry, with a problem the app can act on', async () => {
    const first = await memberWithSeat(ctx());
    const token = (
      await startAppSession(ctx(), { email: first.member.email, password: MEMBER_PASSWORD, appKey: first.productKey })
    ).json().sessionToken;
    await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/users/${first.member.id}/deactivate`,
      headers: as(first.owner),
      payload: { reason: 'left_organization' },
    });
    const deactivated = await heartbeat(ctx(), token);
    expect(deactivated.json()).toMatchObject({ status: 401, code: 'account-deactivated' });
    const blocked = await startAppSession(ctx(), {
      email: first.member.email,
      password: MEMBER_PASSWORD,
      appKey: first.productKey,
    });
    expect(blocked.json()).toMatchObject({ status: 403, code: 'account-deactivated' });

    const second = await memberWithSeat(ctx());
    const token2 = (
      await startAppSession(ctx(), { email: second.member.email, password: MEMBER_PASSWORD, appKey: second.productKey })
    ).json().sessionToken;
    await ctx().app.inject({
      method: 'DELETE',
      url: `/api/v1/subscriptions/${second.subscriptionId}/assignments/${second.member.id}`,
      headers: as(second.owner),
    });
    expect((await heartbeat(ctx(), token2)).json()).toMatchObject({ status: 403, code: 'seat-removed' });
    const [session] = await activityOf(ctx(), second.owner, second.member.id, 'type=app_session');
    expect(session.session).toMatchObject({ active: false, endReason: 'seat_removed' });

    const third = await memberWithSeat(ctx(), { expiresInDays: 1 });
    const token3 = (
      await startAppSession(ctx(), { email: third.member.email, password: MEMBER_PASSWORD, appKey: third.productKey })
    ).json().sessionToken;
    try {
      ctx().clock.offsetMs = 24 * 60 * MINUTE + MINUTE;
      // Heartbeats kept coming, but the subscription ran out.
      await ctx()
        .deps.database.db.updateTable('app_sessions')
        .set({ last_heartbeat_at: ctx().deps.now() - 30_000 })
        .where('user_id', '=', third.member.id)
        .execute();
      expect((await heartbeat(ctx(), token3)).json()).toMatchObject({ status: 403, code: 'subscription-expired' });
      const again = await startAppSession(ctx(), {
        email: third.member.email,
        password: MEMBER_PASSWORD,
        appKey: third.productKey,
      });
      expect(again.json()).toMatchObject({ status: 403, code: 'no-license' });
    } finally {
      ctx().clock.offsetMs = 0;
    }
  });

  it('closes a session silent for 3 intervals at its last heartbeat', async () => {
    const { owner, member, productKey } = await memberWithSeat(ctx());
    ctx().clock.frozenAtMs = Date.now();
    const token = (
      await startAppSession(ctx(), { email: member.email, password: MEMBER_PASSWORD, appKey: productKey })
    ).json().sessionToken;
    // On a second machine: a new sign-in on the same one would replace the first session.
    const silent = await startAppSession(ctx(), {
      email: member.email,
      password: MEMBER_PASSWORD,
      appKey: productKey,
      device: { ...DEVICE, id: 'machine-2', name: 'Laptop' },
    });
    try {
      ctx().clock.offsetMs = MINUTE;
      expect((await heartbeat(ctx(), token)).statusCode).toBe(204);
      ctx().clock.offsetMs = 5 * MINUTE;
      const late = await heartbeat(ctx(), token);
      expect(late.json()).toMatchObject({ status: 401, code: 'session-timed-out' });
      // The sweeper closes the other one, which never called again.
      const closed = await ctx()
        .deps.database.db.transaction()
        .execute((trx) => closeSilentSessions(trx, ctx().deps.now()));
      expect(closed).toBeGreaterThanOrEqual(1);
      expect((await heartbeat(ctx(), silent.json().sessionToken)).json().code).toBe('session-timed-out');
    } finally {
      ctx().clock.offsetMs = 0;
      ctx().clock.frozenAtMs = undefined;
    }
    const sessions = await activityOf(ctx(), owner, member.id, 'type=app_session');
    expect(sessions.map((item: { session: { endReason: string; durationSeconds: number } }) => item.session)).toEqual([
      expect.objectContaining({ endReason: 'timed_out', durationSeconds: 0 }),
      expect.objectContaining({ endReason: 'timed_out', durationSeconds: 60 }),
    ]);
  });

  it('refuses bad app payloads with 400 and stores nothing; unknown tokens get 401', async () => {
    const { owner, member, productKey } = await memberWithSeat(ctx());
    const payloads = [
      { device: { name: 'No id', os: 'Windows', osVersion: '11' } },
      { device: { ...DEVICE, name: 'x'.repeat(10_000) } },
      { device: { ...DEVICE, id: 42 } },
      { device: { ...DEVICE, type: 'toaster' } },
    ];
    for (const { device } of payloads) {
      const response = await startAppSession(ctx(), {
        email: member.email,
        password: MEMBER_PASSWORD,
        appKey: productKey,
        device,
      });
      expect(response.statusCode, JSON.stringify(device).slice(0, 80)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const noApp = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/app/sessions',
      payload: { email: member.email, password: MEMBER_PASSWORD, device: DEVICE },
    });
    expect(noApp.statusCode).toBe(400);
    expect(await activityOf(ctx(), owner, member.id, 'type=app_session')).toEqual([]);
    expect((await heartbeat(ctx(), 'made-up-token')).json()).toMatchObject({ status: 401, code: 'session-invalid' });
    const bare = await ctx().app.inject({ method: 'POST', url: '/api/v1/app/sessions/current/heartbeat' });
    expect(bare.json()).toMatchObject({ status: 401, code: 'session-invalid' });
  });

  it('accepts many heartbeats at once (group commit) and answers each', async () => {
    const { member, productKey, subscriptionId } = await memberWithSeat(ctx());
    // Three machines at once: more than the default device limit (2) allows.
    await ctx()
      .deps.database.db.updateTable('subscriptions')
      .set({ device_limit: 3 })
      .where('id', '=', subscriptionId)
      .execute();
    const tokens: string[] = [];
    for (let index = 0; index < 3; index++) {
      const device = { ...DEVICE, id: `machine-${index}`, name: `Machine ${index}` };
      tokens.push(
        (
          await startAppSession(ctx(), { email: member.email, password: MEMBER_PASSWORD, appKey: productKey, device })
        ).json().sessionToken,
      );
    }
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        heartbeat(ctx(), index % 10 === 9 ? 'bogus' : (tokens[index % 3] ?? '')),
      ),
    );
    expect(answers.filter((answer) => answer.statusCode === 204)).toHaveLength(54);
    expect(answers.filter((answer) => answer.statusCode === 401)).toHaveLength(6);
  });

  it('accepts a heartbeat and a sign-out with a JSON content type and no body; a body that is not JSON is still refused', async () => {
    const { member, productKey } = await memberWithSeat(ctx());
    const token = (
      await startAppSession(ctx(), { email: member.email, password: MEMBER_PASSWORD, appKey: productKey })
    ).json().sessionToken;
    const bodiless = (method: 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: string) =>
      ctx().app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...headers }, payload });
    const HEARTBEAT = '/api/v1/app/sessions/current/heartbeat';

    // An HTTP client with JSON default headers: with or without a charset, with Content-Length 0 or none at all.
    for (const type of ['application/json', 'application/json; charset=utf-8']) {
      expect((await bodiless('POST', HEARTBEAT, { 'content-type': type })).statusCode).toBe(204);
      expect((await bodiless('POST', HEARTBEAT, { 'content-type': type }, '')).statusCode).toBe(204);
      expect((await bodiless('POST', HEARTBEAT, { 'content-type': type, 'content-length': '0' })).statusCode).toBe(204);
    }
    const broken = await bodiless('POST', HEARTBEAT, { 'content-type': 'application/json' }, '{"oops":');
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'invalid-json' });

    const signOut = await bodiless('DELETE', '/api/v1/app/sessions/current', { 'content-type': 'application/json' });
    expect(signOut.statusCode).toBe(204);
    const after = await bodiless('POST', HEARTBEAT, { 'content-type': 'application/json' });
    expect(after.json()).toMatchObject({ status: 401, code: 'session-ended' });
  });
});
