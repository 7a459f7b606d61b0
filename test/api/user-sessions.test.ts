import { beforeAll, describe, expect, it } from 'vitest';
import type { EndedSessions, UserSession } from '../../src/contract/user-sessions.ts';
import { expectNoAuditRow, expectOneAuditRow } from '../helpers/audit.ts';
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

const LONDON = '81.2.69.142';
const LINKOPING = '89.160.20.112';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const MAC_FIREFOX = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0';

/** A console sign-in from a given browser and address (the helper's is always Chrome on Windows). */
async function signInWith(ctx: TestContext, email: string, password: string, ip: string, userAgent: string) {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: ip,
    headers: { 'user-agent': userAgent },
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((entry) => entry.name === 'sk_session');
  const body = response.json() as { csrfToken: string; user: { id: string } };
  return { cookie: `sk_session=${cookie?.value}`, csrfToken: body.csrfToken, userId: body.user.id, deviceCookie: '' };
}

describeEachDatabase('user sessions', (ctx) => {
  let orgId: string;
  let owner: Session;
  let productKey: string;
  let subscriptionId: string;

  beforeAll(async () => {
    const org = await createOrgWithOwner(ctx(), 'Sessions');
    orgId = org.orgId;
    owner = await signIn(ctx().app, org.email, org.password);
    ({ productKey, subscriptionId } = await createSubscription(ctx(), orgId, { seats: 50 }));
  });

  /** A member with a seat, signed in twice to the console (iPhone in London, Mac in Linköping) and once in the app. */
  async function memberWithSessions() {
    const member = await createMember(ctx(), owner);
    // Accepting the invitation signed that browser in; the test's browsers are the two below.
    await ctx().deps.database.db.deleteFrom('sessions').where('user_id', '=', member.id).execute();
    expect((await assignSeat(ctx(), owner, subscriptionId, member.id)).statusCode).toBe(201);
    const phone = await signInWith(ctx(), member.email, MEMBER_PASSWORD, LONDON, IPHONE_SAFARI);
    const mac = await signInWith(ctx(), member.email, MEMBER_PASSWORD, LINKOPING, MAC_FIREFOX);
    const started = await startAppSession(ctx(), {
      email: member.email,
      password: MEMBER_PASSWORD,
      appKey: productKey,
    });
    expect(started.statusCode).toBe(201);
    const appToken = (started.json() as { sessionToken: string }).sessionToken;
    return { ...member, phone, mac, appToken };
  }

  const get = (path: string, session: Session) => ctx().app.inject({ url: `/api/v1${path}`, headers: as(session) });
  const del = (path: string, session: Session) =>
    ctx().app.inject({ method: 'DELETE', url: `/api/v1${path}`, headers: as(session) });
  const sessionsOf = async (userId: string) => {
    const response = await get(`/users/${userId}/sessions`, owner);
    expect(response.statusCode).toBe(200);
    return (response.json() as { items: UserSession[] }).items;
  };
  const works = async (session: Session) =>
    (await ctx().app.inject({ url: '/api/v1/me', headers: { cookie: session.cookie } })).statusCode;

  it('lists console and app sessions with device, address and place', async () => {
    const member = await memberWithSessions();
    const items = await sessionsOf(member.id);
    expect(items).toHaveLength(3);
    const phone = items.find((item) => item.kind === 'console' && item.ip === LONDON);
    const mac = items.find((item) => item.kind === 'console' && item.ip === LINKOPING);
    const app = items.find((item) => item.kind === 'app');
    expect(phone).toMatchObject({
      id: expect.stringMatching(/^c_[A-Za-z0-9_-]{22}$/),
      current: false,
      device: { type: 'mobile', os: 'iOS', browser: 'Mobile Safari', app: null },
      location: { countryCode: 'GB', city: 'London' },
      endsBy: 'idle',
    });
    expect(mac).toMatchObject({
      device: { type: 'desktop', os: 'Mac OS', browser: 'Firefox', browserVersion: expect.stringMatching(/^128/) },
      location: { countryCode: 'SE', city: 'Linköping' },
    });
    expect(app).toMatchObject({
      id: expect.stringMatching(/^a_\d+$/),
      ip: LONDON,
      device: { app: productKey, appVersion: '2.4.1', name: DEVICE.name, os: 'Windows', osVersion: '11' },
      app: { key: productKey, version: '2.4.1' },
      location: { city: 'London' },
      endsBy: 'heartbeat',
    });
    // The stored hash of the cookie never leaves the server.
    const stored = await ctx().deps.database.db.selectFrom('sessions').select('id_hash').execute();
    const body = JSON.stringify(items);
    for (const row of stored) expect(body).not.toContain(row.id_hash);
    // The member sees the same list under /me, with this browser marked.
    const own = (await get('/me/sessions', member.mac)).json() as { items: UserSession[] };
    expect(own.items.map((item) => item.id).sort()).toEqual(items.map((item) => item.id).sort());
    expect(own.items.filter((item) => item.current).map((item) => item.id)).toEqual([mac?.id]);
  });

  it('an owner ends one console session: that cookie answers 401, the others live; one audit row', async () => {
    const member = await memberWithSessions();
    const phone = (await sessionsOf(member.id)).find((item) => item.ip === LONDON && item.kind === 'console');
    const { row, result } = await expectOneAuditRow(ctx(), orgId, 'session.ended', () =>
      del(`/users/${member.id}/sessions/${phone?.id}`, owner),
    );
    expect(result.statusCode).toBe(204);
    expect(row).toMatchObject({ actor_id: owner.userId, target_type: 'user', target_id: member.id });
    expect(row.target_label).toBe(member.email);
    expect(JSON.parse(row.after ?? '{}')).toEqual({ sessionId: phone?.id, kind: 'console' });
    expect(await works(member.phone)).toBe(401);
    expect(await works(member.mac)).toBe(200);
    expect((await heartbeat(ctx(), member.appToken)).statusCode).toBe(204);
    expect(await sessionsOf(member.id)).toHaveLength(2);
    // Gone now: a second end answers 404 and records nothing.
    const again = await expectNoAuditRow(ctx(), orgId, () => del(`/users/${member.id}/sessions/${phone?.id}`, owner));
    expect(again.statusCode).toBe(404);
  });

  it('an owner ends an app session: its heartbeat answers 401 session-revoked, its Activity says why', async () => {
    const member = await memberWithSessions();
    const app = (await sessionsOf(member.id)).find((item) => item.kind === 'app');
    const { result } = await expectOneAuditRow(ctx(), orgId, 'session.ended', () =>
      del(`/users/${member.id}/sessions/${app?.id}`, owner),
    );
    expect(result.statusCode).toBe(204);
    const refused = await heartbeat(ctx(), member.appToken);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'session-revoked', detail: expect.stringContaining('owner') });
    expect(await works(member.phone)).toBe(200);
    const activity = await get(`/users/${member.id}/activity?type=app_session`, owner);
    expect(activity.json().items[0].session).toMatchObject({ active: false, endReason: 'ended_by_owner' });
  });

  it('an owner ends all: every console and app session ends; one audit row', async () => {
    const member = await memberWithSessions();
    const { row, result } = await expectOneAuditRow(ctx(), orgId, 'sessions.ended', () =>
      del(`/users/${member.id}/sessions`, owner),
    );
    expect(result.statusCode).toBe(200);
    expect(result.json()).toEqual({ ended: 3, kinds: { console: 2, app: 1 } } satisfies EndedSessions);
    expect(JSON.parse(row.after ?? '{}')).toEqual({ ended: 3, kinds: { console: 2, app: 1 } });
    expect(await works(member.phone)).toBe(401);
    expect(await works(member.mac)).toBe(401);
    expect((await heartbeat(ctx(), member.appToken)).statusCode).toBe(401);
    expect(await sessionsOf(member.id)).toEqual([]);
    // The member may sign in again: ending sessions is not deactivation.
    await signIn(ctx().app, member.email, MEMBER_PASSWORD);
  });

  it('an owner ending all of their own sessions keeps the one they clicked in', async () => {
    const org = await createOrgWithOwner(ctx(), 'Self');
    const here = await signIn(ctx().app, org.email, org.password);
    const elsewhere = await signIn(ctx().app, org.email, org.password, LINKOPING);
    const { result } = await expectOneAuditRow(ctx(), org.orgId, 'sessions.ended', () =>
      del(`/users/${org.ownerId}/sessions`, here),
    );
    expect(result.json()).toEqual({ ended: 1, kinds: { console: 1, app: 0 } });
    expect(await works(here)).toBe(200);
    expect(await works(elsewhere)).toBe(401);
  });

  it('a member lists and ends their own sessions (not audited) and gets 403 on /users/{id}/sessions', async () => {
    const member = await memberWithSessions();
    const other = await memberWithSessions();
    expect((await get(`/users/${member.id}/sessions`, member.mac)).statusCode).toBe(403);
    expect((await get(`/users/${other.id}/sessions`, member.mac)).statusCode).toBe(403);
    expect((await del(`/users/${other.id}/sessions`, member.mac)).statusCode).toBe(403);
    const otherPhone = (await sessionsOf(other.id)).find((item) => item.kind === 'console');
    expect((await del(`/users/${other.id}/sessions/${otherPhone?.id}`, member.mac)).statusCode).toBe(403);
    // Another user's session id through /me: not one of mine, 404.
    expect((await del(`/me/sessions/${otherPhone?.id}`, member.mac)).statusCode).toBe(404);
    expect(await works(other.phone)).toBe(200);

    const own = (await get('/me/sessions', member.mac)).json() as { items: UserSession[] };
    const phone = own.items.find((item) => item.kind === 'console' && !item.current);
    const ended = await expectNoAuditRow(ctx(), orgId, () => del(`/me/sessions/${phone?.id}`, member.mac));
    expect(ended.statusCode).toBe(204);
    expect(await works(member.phone)).toBe(401);
    // Everywhere else: the app session ends too (by the user), this browser stays.
    const rest = await expectNoAuditRow(ctx(), orgId, () => del('/me/sessions', member.mac));
    expect(rest.json()).toEqual({ ended: 1, kinds: { console: 0, app: 1 } });
    expect(await works(member.mac)).toBe(200);
    const refused = await heartbeat(ctx(), member.appToken);
    expect(refused.json()).toMatchObject({ status: 401, code: 'session-revoked' });
    const left = (await get('/me/sessions', member.mac)).json() as { items: UserSession[] };
    expect(left.items.map((item) => item.current)).toEqual([true]);
    // Ending this browser's own session signs it out.
    expect((await del(`/me/sessions/${left.items[0]?.id}`, member.mac)).statusCode).toBe(204);
    expect(await works(member.mac)).toBe(401);
  });

  it('another organization’s user answers 404; unknown or impossible session ids 404', async () => {
    const member = await memberWithSessions();
    const stranger = await createOrgWithOwner(ctx(), 'Elsewhere');
    const strangerOwner = await signIn(ctx().app, stranger.email, stranger.password);
    const phone = (await sessionsOf(member.id)).find((item) => item.kind === 'console');
    const app = (await sessionsOf(member.id)).find((item) => item.kind === 'app');
    for (const response of await Promise.all([
      get(`/users/${member.id}/sessions`, strangerOwner),
      del(`/users/${member.id}/sessions`, strangerOwner),
      del(`/users/${member.id}/sessions/${phone?.id}`, strangerOwner),
      del(`/users/${member.id}/sessions/${app?.id}`, strangerOwner),
      // Another organization's session ids under one's own user: not found either.
      del(`/users/${stranger.ownerId}/sessions/${phone?.id}`, strangerOwner),
      del(`/me/sessions/${app?.id}`, strangerOwner),
      get('/users/no-such-user/sessions', owner),
      del(`/users/${member.id}/sessions/c_AAAAAAAAAAAAAAAAAAAAAA`, owner),
      del(`/users/${member.id}/sessions/a_999999999999999`, owner),
      // Not the form of any session id (numbers past 15 digits included): no session, never a database error.
      del(`/users/${member.id}/sessions/a_99999999999999999999`, owner),
      del(`/users/${member.id}/sessions/c_short`, owner),
      del(`/users/${member.id}/sessions/x_1`, owner),
      del(`/users/${member.id}/sessions/a_0`, owner),
      del(`/users/${member.id}/sessions/a_-1`, owner),
      del(`/me/sessions/${member.id}`, owner),
    ])) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not-found' });
    }
    expect(await sessionsOf(member.id)).toHaveLength(3);
    // Too long, or a NUL character (refused for every path parameter): 400.
    expect((await del(`/users/${member.id}/sessions/c_${'A'.repeat(70)}`, owner)).statusCode).toBe(400);
    expect((await del(`/users/${member.id}/sessions/c_%00AAAAAAAAAAAAAAAAAAAAA`, owner)).statusCode).toBe(400);
  });

  describe('password change', () => {
    const changePassword = (session: Session, current: string, body: Record<string, unknown> = {}) =>
      ctx().app.inject({
        method: 'POST',
        url: '/api/v1/me/password',
        headers: as(session),
        payload: { currentPassword: current, newPassword: `a new passphrase ${Math.random()}`, ...body },
      });

    it('by default ends the other console sessions and says what is left (app sessions keep running)', async () => {
      const member = await memberWithSessions();
      const changed = await changePassword(member.mac, MEMBER_PASSWORD);
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toEqual({ endedSessions: 1, otherSessions: 1 });
      expect(await works(member.phone)).toBe(401);
      expect(await works(member.mac)).toBe(200);
      expect((await heartbeat(ctx(), member.appToken)).statusCode).toBe(204);
    });

    it('with endOtherSessions false ends none', async () => {
      const member = await memberWithSessions();
      const changed = await changePassword(member.mac, MEMBER_PASSWORD, { endOtherSessions: false });
      expect(changed.json()).toEqual({ endedSessions: 0, otherSessions: 2 });
      expect(await works(member.phone)).toBe(200);
      const wrongType = await changePassword(member.mac, MEMBER_PASSWORD, { endOtherSessions: 'yes' });
      expect(wrongType.statusCode).toBe(400);
    });
  });

  it('50 parallel "end all" calls neither fail nor leave a live session; each is audited once', async () => {
    ctx().clock.frozenAtMs = Date.now();
    const member = await memberWithSessions();
    // A second machine: a second sign-in from the same one would take the first session over.
    const extra = await startAppSession(ctx(), {
      email: member.email,
      password: MEMBER_PASSWORD,
      appKey: productKey,
      device: { ...DEVICE, id: 'machine-2' },
    });
    expect(extra.statusCode).toBe(201);
    const { lastAuditId, auditRowsSince } = await import('../helpers/audit.ts');
    const before = await lastAuditId(ctx());
    let answers: Awaited<ReturnType<typeof del>>[];
    try {
      // Both apps in use for 90 s: each close counts 90 s, whichever call closes it.
      ctx().clock.offsetMs = 90_000;
      expect((await heartbeat(ctx(), member.appToken)).statusCode).toBe(204);
      expect((await heartbeat(ctx(), (extra.json() as { sessionToken: string }).sessionToken)).statusCode).toBe(204);
      ctx().clock.offsetMs = 120_000;
      answers = await Promise.all(Array.from({ length: 50 }, () => del(`/users/${member.id}/sessions`, owner)));
    } finally {
      ctx().clock.offsetMs = 0;
      ctx().clock.frozenAtMs = undefined;
    }
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(50).fill(200));
    const total = answers.reduce((sum, answer) => sum + (answer.json() as EndedSessions).ended, 0);
    expect(total).toBe(4);
    const rows = await auditRowsSince(ctx(), orgId, before);
    expect(rows.filter((row) => row.action === 'sessions.ended')).toHaveLength(50);
    expect(await sessionsOf(member.id)).toEqual([]);
    const open = await ctx()
      .deps.database.db.selectFrom('app_sessions')
      .select('id')
      .where('user_id', '=', member.id)
      .where('ended_at', 'is', null)
      .execute();
    expect(open).toEqual([]);
    // Use was counted once per session, not once per call.
    const usage = await ctx()
      .deps.database.db.selectFrom('daily_app_usage')
      .select(['active_seconds'])
      .where('user_id', '=', member.id)
      .execute();
    expect(usage.reduce((sum, row) => sum + Number(row.active_seconds), 0)).toBe(180);
  });
});
