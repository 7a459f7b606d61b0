import { expect, it } from 'vitest';
import { insertAppSession } from '../../src/server/features/app-sessions/app-sessions.repository.ts';
import { HeartbeatBatcher } from '../../src/server/features/app-sessions/heartbeat-batcher.ts';
import { HEARTBEAT_INTERVAL_SECONDS } from '../../src/server/features/app-sign-in/index.ts';
import { insertAssignment } from '../../src/server/features/licenses/seat-assignments.repository.ts';
import { reserveSeat } from '../../src/server/features/subscriptions/subscriptions.repository.ts';
import { insertUser, newUserRow } from '../../src/server/features/users/users.repository.ts';
import { createSecureToken, hashToken } from '../../src/server/lib/secure-token.ts';
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
/** Noon UTC: a few minutes either side stay on one local day in every time zone an organization may use. */
const NOON = Date.UTC(2026, 5, 15, 12, 0, 0);

/**
 * `count` members of a new organization, each holding a seat of one subscription and running an app
 * session that signed in `minutesAgo` minutes ago and last heartbeat 30 s ago. Written directly (signing
 * 500 people in through argon2 is not what these tests are about); answers the session tokens.
 */
async function openSessions(context: TestContext, count: number, minutesAgo: number) {
  const now = context.deps.now();
  const org = await createOrgWithOwner(context);
  const owner = await signIn(context.app, org.email, org.password);
  const { productKey, subscriptionId } = await createSubscription(context, org.orgId, { seats: count });
  const tokens: string[] = [];
  await context.deps.database.db.transaction().execute(async (trx) => {
    for (let index = 0; index < count; index++) {
      const user = newUserRow({
        orgId: org.orgId,
        email: `batch-${org.orgId.slice(0, 8)}-${index}@example.com`,
        name: `Batch ${index}`,
        role: 'member',
        passwordHash: null,
        now,
      });
      await insertUser(trx, user);
      await reserveSeat(trx, org.orgId, subscriptionId, now);
      await insertAssignment(trx, { orgId: org.orgId, subscriptionId, userId: user.id, assignedBy: null, now });
      const token = createSecureToken();
      tokens.push(token);
      await insertAppSession(trx, {
        org_id: org.orgId,
        user_id: user.id,
        subscription_id: subscriptionId,
        app_key: productKey,
        app_version: '1.0.0',
        token_hash: hashToken(token),
        heartbeat_interval_s: HEARTBEAT_INTERVAL_SECONDS,
        started_at: now - minutesAgo * MINUTE,
        last_heartbeat_at: now - 30_000,
        ended_at: null,
        end_reason: null,
        usage_counted_until: now - minutesAgo * MINUTE,
        ip: '81.2.69.142',
        country_code: 'GB',
        country: 'United Kingdom',
        region: 'England',
        city: 'London',
        latitude: 51.5142,
        longitude: -0.0931,
        asn: null,
        as_organization: null,
        device_type: 'desktop',
        device_id: `device-${index}`,
        device_name: `Machine ${index}`,
        os: 'Windows',
        os_version: '11',
      });
    }
  });
  return { owner, productKey, subscriptionId, tokens };
}

describeEachDatabase('heartbeat batches', (ctx) => {
  it('takes 500 heartbeats at once, each counting 6 minutes of use, and every one lands in the sessions and the app-usage report', async () => {
    ctx().clock.frozenAtMs = NOON;
    const { owner, productKey, tokens } = await openSessions(ctx(), 500, 6);

    const answers = await Promise.all(tokens.map((token) => heartbeat(ctx(), token)));
    expect(answers.map((answer) => answer.statusCode)).toEqual(tokens.map(() => 204));

    const sessions = await ctx()
      .deps.database.db.selectFrom('app_sessions')
      .select(['last_heartbeat_at', 'usage_counted_until'])
      .where('app_key', '=', productKey)
      .execute();
    expect(sessions).toHaveLength(500);
    for (const session of sessions) {
      expect(Number(session.last_heartbeat_at)).toBe(NOON);
      expect(Number(session.usage_counted_until)).toBe(NOON);
    }
    const report = await ctx().app.inject({
      url: '/api/v1/reports/app-usage?from=2026-06-15&to=2026-06-15',
      headers: as(owner),
    });
    expect(report.statusCode, report.body).toBe(200);
    // 500 people × 6 minutes = 50 hours, each person active on the day.
    expect(report.json().apps).toEqual([expect.objectContaining({ app: productKey, activeUsers: 500, hours: 50 })]);
    // Per person (the table's first page): one active day, a tenth of an hour.
    const rows = report.json().rows as { activeDays: number; hours: number }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.activeDays !== 1 || row.hours !== 0.1)).toEqual([]);
  });

  it('judges named and floating sessions in one batch: the live ones slide, the silent ones end once and free their lease', async () => {
    ctx().clock.frozenAtMs = NOON;
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const named = await createSubscription(ctx(), org.orgId, { seats: 3, name: 'Designer' });
    const pool = await createSubscription(ctx(), org.orgId, { seats: 3, name: 'Vectorworks' });
    // A floating pool whose lease lapses after 4 minutes of silence (the operator's --kind floating).
    await ctx()
      .deps.database.db.updateTable('subscriptions')
      .set({ kind: 'floating', lease_window_s: 240 })
      .where('id', '=', pool.subscriptionId)
      .execute();
    const ada = await createMember(ctx(), owner, 'Ada');
    const ben = await createMember(ctx(), owner, 'Ben');
    const cleo = await createMember(ctx(), owner, 'Cleo');
    const dev = await createMember(ctx(), owner, 'Dev');
    for (const member of [ada, ben]) {
      expect((await assignSeat(ctx(), owner, named.subscriptionId, member.id)).statusCode).toBe(201);
    }
    const start = async (member: { email: string }, appKey: string) => {
      const answer = await startAppSession(ctx(), {
        email: member.email,
        password: MEMBER_PASSWORD,
        appKey,
        device: DEVICE,
      });
      expect(answer.statusCode, answer.body).toBe(201);
      return answer.json().sessionToken as string;
    };
    const namedLive = await start(ada, named.productKey);
    const namedSilent = await start(ben, named.productKey);
    const floatingLive = await start(cleo, pool.productKey);
    const floatingSilent = await start(dev, pool.productKey);

    // The live two keep heartbeating; the others fall silent (named: 3 intervals, 3 min; the pool: 4 min).
    for (const minutes of [2, 4]) {
      ctx().clock.offsetMs = minutes * MINUTE;
      expect((await heartbeat(ctx(), namedLive)).statusCode).toBe(204);
      expect((await heartbeat(ctx(), floatingLive)).statusCode).toBe(204);
    }
    ctx().clock.offsetMs = 5 * MINUTE;
    const batch = [namedLive, namedSilent, namedSilent, floatingLive, floatingSilent, floatingSilent, 'unknown'];
    const answers = await Promise.all(batch.map((token) => heartbeat(ctx(), token)));
    const codes = answers.map((answer) => (answer.statusCode === 204 ? 204 : answer.json().code));
    expect(codes).toEqual([
      204,
      'session-timed-out',
      'session-timed-out',
      204,
      'session-timed-out',
      'session-timed-out',
      'session-invalid',
    ]);

    // Seats in use: only the live floating session still holds a lease of the pool.
    const leases = await ctx().app.inject({
      url: `/api/v1/subscriptions/${pool.subscriptionId}/leases`,
      headers: as(owner),
    });
    expect(leases.statusCode, leases.body).toBe(200);
    expect(leases.json().items.map((lease: { user: { id: string } }) => lease.user.id)).toEqual([cleo.id]);
    // The silent ones ended at their last heartbeat (sign-in, noon); the live ones moved on to now.
    const sessions = await ctx()
      .deps.database.db.selectFrom('app_sessions')
      .select(['user_id', 'last_heartbeat_at', 'ended_at', 'end_reason'])
      .where('org_id', '=', org.orgId)
      .orderBy('user_id')
      .execute();
    const byUser = new Map(sessions.map((session) => [session.user_id, session]));
    for (const member of [ada, cleo]) {
      expect(byUser.get(member.id)).toMatchObject({ ended_at: null, end_reason: null });
      expect(Number(byUser.get(member.id)?.last_heartbeat_at)).toBe(NOON + 5 * MINUTE);
    }
    for (const member of [ben, dev]) {
      expect(byUser.get(member.id)).toMatchObject({ end_reason: 'timed_out' });
      expect(Number(byUser.get(member.id)?.ended_at)).toBe(NOON);
    }
  });

  it('counts a session once when its heartbeats arrive while an earlier batch holding it is still being written', async () => {
    ctx().clock.frozenAtMs = NOON;
    ctx().clock.offsetMs = 0;
    const { productKey, tokens } = await openSessions(ctx(), 2, 6);
    const [one, other] = tokens.map(hashToken) as [string, string];
    // Two batches may be in flight, as on PostgreSQL; the second starts while the first is written.
    const batcher = new HeartbeatBatcher(ctx().deps.database.db, ctx().deps.now, 2);
    const first = batcher.submit(one);
    await new Promise(setImmediate);
    ctx().clock.frozenAtMs = NOON + MINUTE;
    const second = [batcher.submit(one), batcher.submit(other)];
    expect(await Promise.all([first, ...second])).toEqual([undefined, undefined, undefined]);

    const sessions = await ctx()
      .deps.database.db.selectFrom('app_sessions')
      .select(['started_at', 'last_heartbeat_at', 'usage_counted_until'])
      .where('app_key', '=', productKey)
      .execute();
    expect(sessions.map((session) => Number(session.last_heartbeat_at))).toEqual([NOON + MINUTE, NOON + MINUTE]);
    // Use is counted from sign-in up to each session's mark, and only once.
    const counted = sessions.reduce(
      (sum, session) => sum + (Number(session.usage_counted_until) - Number(session.started_at)) / 1000,
      0,
    );
    expect(counted).toBeGreaterThanOrEqual(2 * 6 * 60);
    const usage = await ctx()
      .deps.database.db.selectFrom('daily_app_usage')
      .select((eb) => eb.fn.sum<number | string>('active_seconds').as('seconds'))
      .where('app_key', '=', productKey)
      .executeTakeFirstOrThrow();
    expect(Number(usage.seconds)).toBe(counted);
  });
});
