import { expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import type { DailyAppUsageRow } from '../../src/server/db/schema.ts';
import type { NewSignInAttempt } from '../../src/server/features/activity/activity.repository.ts';
import { insertSignInAttempts } from '../../src/server/features/activity/activity.repository.ts';
import { insertAppSession } from '../../src/server/features/app-sessions/app-sessions.repository.ts';
import { addDailyUsage } from '../../src/server/features/app-sessions/daily-usage.repository.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { addAppUsageAggregates, addSignInAggregates } from '../../src/server/features/report-aggregates/index.ts';
import { localDay } from '../../src/server/lib/local-date.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { assignSeat, createMember, createSubscription } from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { describeEachDatabase, OWNER_PASSWORD, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

const ZONE = 'Australia/Sydney';

/** Attempts as the server records them: the rows, then their aggregates, in one transaction. */
function recordSignIns(db: Db, rows: NewSignInAttempt[]) {
  return db.transaction().execute(async (trx) => {
    await insertSignInAttempts(trx, rows);
    await addSignInAggregates(trx, rows);
  });
}

/** Usage as the server records it: the per-day counters, then their aggregates, in one transaction. */
function recordUsage(db: Db, rows: DailyAppUsageRow[]) {
  return db.transaction().execute(async (trx) => {
    await addDailyUsage(trx, rows);
    await addAppUsageAggregates(trx, rows);
  });
}

function attempt(
  who: { orgId: string; userId: string },
  at: string,
  outcome: 'success' | 'failure',
  extra: Partial<NewSignInAttempt> = {},
): NewSignInAttempt {
  return {
    org_id: who.orgId,
    user_id: who.userId,
    email: 'someone@example.com',
    occurred_at: Date.parse(at),
    outcome,
    failure_reason: outcome === 'failure' ? 'invalid_password' : null,
    client: 'console',
    app_key: null,
    app_version: null,
    ip: '198.51.100.1',
    country_code: 'AU',
    country: 'Australia',
    region: null,
    city: null,
    latitude: null,
    longitude: null,
    asn: null,
    as_organization: null,
    device_type: 'desktop',
    os: 'Windows',
    os_version: '11',
    browser: 'Chrome',
    browser_version: '130',
    device_id: null,
    device_name: null,
    user_agent: null,
    risk: '[]',
    ...extra,
  };
}

/** An organization in Sydney with Alice and Bob, a history around the April 2026 DST change, and seats. */
async function scenario(context: TestContext) {
  const db = context.deps.database.db;
  const ownerEmail = uniqueEmail('owner');
  const { organization, ownerId } = await createOrganization(db, {
    name: 'Sydney Co',
    timeZone: ZONE,
    ownerEmail,
    ownerPassword: OWNER_PASSWORD,
  });
  const orgId = organization.id;
  const owner = await signIn(context.app, ownerEmail, OWNER_PASSWORD);
  const alice = await createMember(context, owner, 'Alice');
  const bob = await createMember(context, owner, 'Bob');
  const carol = await createMember(context, owner, 'Carol');
  const A = { orgId, userId: alice.id };
  const B = { orgId, userId: bob.id };
  // Sydney leaves daylight time on 5 April 2026 at 03:00 (+11:00 → +10:00).
  await recordSignIns(db, [
    attempt(A, '2026-04-04T23:30:00+11:00', 'success'), // local 4 Apr (UTC 4 Apr 12:30)
    attempt(A, '2026-04-05T00:15:00+11:00', 'failure'), // local 5 Apr, though still 4 Apr in UTC
    attempt(A, '2026-04-05T23:50:00+10:00', 'success', {
      device_type: 'mobile',
      os: 'iOS',
      browser: 'Mobile Safari',
      country_code: 'NZ',
    }), // local 5 Apr, a second device and country
    attempt(A, '2026-04-06T09:00:00+10:00', 'failure', { ip: '203.0.113.9' }),
    attempt(B, '2026-04-06T09:01:00+10:00', 'failure', { ip: '203.0.113.9' }),
    attempt(B, '2026-04-06T09:02:00+10:00', 'failure', { ip: '203.0.113.9' }),
    attempt(B, '2026-04-06T09:03:00+10:00', 'failure', { ip: '203.0.113.9', failure_reason: 'throttled' }),
    attempt(B, '2026-04-07T00:30:00+10:00', 'success'), // local 7 Apr: outside a 4–6 April range
  ]);
  await recordUsage(db, [
    { org_id: orgId, user_id: alice.id, app_key: 'designer', day: '2026-04-04', sessions: 1, active_seconds: 3600 },
    { org_id: orgId, user_id: alice.id, app_key: 'designer', day: '2026-04-05', sessions: 1, active_seconds: 1800 },
    { org_id: orgId, user_id: bob.id, app_key: 'designer', day: '2026-04-06', sessions: 2, active_seconds: 7200 },
  ]);
  return { orgId, ownerId, owner, alice, bob, carol };
}

function report(context: TestContext, owner: Session, path: string) {
  return context.app.inject({ url: `/api/v1/reports/${path}`, headers: as(owner) });
}

describeEachDatabase('reports', (ctx) => {
  it('counts sign-ins per user and per local day, across a DST change, from the daily aggregates', async () => {
    const { owner, alice, bob, carol } = await scenario(ctx());
    const response = await report(ctx(), owner, 'logins?from=2026-04-04&to=2026-04-06');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ report: 'logins', from: '2026-04-04', to: '2026-04-06', timeZone: ZONE });
    const byUser = Object.fromEntries(body.rows.map((row: { userId: string }) => [row.userId, row]));
    expect(byUser[alice.id]).toMatchObject({
      total: 4,
      successful: 2,
      failed: 2,
      distinctDevices: 2,
      distinctCountries: 2,
    });
    expect(byUser[bob.id]).toMatchObject({
      total: 3,
      successful: 0,
      failed: 3,
      distinctDevices: 1,
      distinctCountries: 1,
    });
    // Carol accepted her invitation today (a real sign-in), outside the range: listed with zeros.
    expect(byUser[carol.id]).toMatchObject({ total: 0 });
    expect(body.series).toEqual([
      { day: '2026-04-04', successful: 1, failed: 0 },
      { day: '2026-04-05', successful: 1, failed: 1 },
      { day: '2026-04-06', successful: 0, failed: 4 },
    ]);
  });

  it('answers the same rows as CSV, formula-safe', async () => {
    const { owner } = await scenario(ctx());
    const json = (await report(ctx(), owner, 'logins?from=2026-04-04&to=2026-04-06')).json();
    const csv = await report(ctx(), owner, 'logins?from=2026-04-04&to=2026-04-06&format=csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...lines] = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const columns = (header ?? '').split(',');
    expect(columns).toEqual([
      'userId',
      'name',
      'email',
      'status',
      'total',
      'successful',
      'failed',
      'lastSignInAt',
      'distinctDevices',
      'distinctCountries',
    ]);
    expect(lines).toEqual(
      json.rows.map((row: Record<string, unknown>) =>
        columns.map((column) => (row[column] === null ? '' : String(row[column]))).join(','),
      ),
    );
  });

  it('names each CSV file after the days it holds, in the organization’s time zone', async () => {
    // 20:00 UTC on 30 November is already 07:00 on 1 December in Sydney: the file names take Sydney's day.
    ctx().clock.frozenAtMs = Date.parse('2026-11-30T20:00:00Z');
    try {
      const { owner } = await scenario(ctx());
      const fileName = async (path: string) => {
        const response = await report(ctx(), owner, `${path}${path.includes('?') ? '&' : '?'}format=csv`);
        expect(response.statusCode, path).toBe(200);
        return /^attachment; filename="([^"]+)"$/.exec(response.headers['content-disposition'] ?? '')?.[1];
      };
      expect(await fileName('logins?from=2026-04-04&to=2026-04-06')).toBe('logins-2026-04-04-to-2026-04-06.csv');
      expect(await fileName('deactivations?from=2026-01-01&to=2026-06-30')).toBe(
        'deactivations-2026-01-01-to-2026-06-30.csv',
      );
      // No range asked for: the last 30 days up to today, as the report counts them.
      expect(await fileName('security')).toBe('security-2026-11-02-to-2026-12-01.csv');
      expect(await fileName('app-usage')).toBe('app-usage-2026-11-02-to-2026-12-01.csv');
      // Reports about the present say the day they were taken.
      expect(await fileName('inactive-users?days=30')).toBe('inactive-users-as-of-2026-12-01.csv');
      expect(await fileName('underused-licenses')).toBe('underused-licenses-as-of-2026-12-01.csv');
      expect(await fileName('licenses')).toBe('licenses-as-of-2026-12-01.csv');
    } finally {
      ctx().clock.frozenAtMs = undefined;
    }
  });

  it('measures app usage per user and app, with daily, weekly and monthly active users', async () => {
    const { owner, alice, bob } = await scenario(ctx());
    const body = (await report(ctx(), owner, 'app-usage?from=2026-04-04&to=2026-04-06')).json();
    const byUser = Object.fromEntries(body.rows.map((row: { userId: string }) => [row.userId, row]));
    expect(byUser[alice.id]).toMatchObject({ app: 'designer', activeDays: 2, sessions: 2, hours: 1.5 });
    expect(byUser[bob.id]).toMatchObject({ activeDays: 1, sessions: 2, hours: 2 });
    expect(body.apps).toEqual([{ app: 'designer', appName: 'designer', activeUsers: 2, sessions: 4, hours: 3.5 }]);
    expect(body.series).toEqual([
      { day: '2026-04-04', dau: 1, wau: 1, mau: 1 },
      { day: '2026-04-05', dau: 1, wau: 1, mau: 1 },
      { day: '2026-04-06', dau: 1, wau: 2, mau: 2 },
    ]);
  });

  it('shows failures by user and by address', async () => {
    const { owner, alice, bob } = await scenario(ctx());
    const body = (await report(ctx(), owner, 'security?from=2026-04-04&to=2026-04-06')).json();
    expect(
      body.rows.map((row: { userId: string; failed: number; throttled: number }) => [
        row.userId,
        row.failed,
        row.throttled,
      ]),
    ).toEqual([
      [bob.id, 3, 1],
      [alice.id, 2, 0],
    ]);
    expect(body.ips[0]).toMatchObject({ ip: '203.0.113.9', failed: 4, accounts: 2 });
    expect(body.series.map((entry: { failed: number }) => entry.failed)).toEqual([0, 1, 4]);
  });

  it('reports seats used and idle, their cost, expiries, and the renewal forecast', async () => {
    const { orgId, owner, alice, bob } = await scenario(ctx());
    const db = ctx().deps.database.db;
    const { subscriptionId } = await createSubscription(ctx(), orgId, { seats: 5, expiresInDays: 20 });
    await db
      .updateTable('subscriptions')
      .set({ seat_price_cents: 1000, currency: 'AUD' })
      .where('id', '=', subscriptionId)
      .execute();
    const key = (
      await db
        .selectFrom('subscriptions')
        .innerJoin('products', 'products.id', 'subscriptions.product_id')
        .select('products.key')
        .where('subscriptions.id', '=', subscriptionId)
        .executeTakeFirstOrThrow()
    ).key;
    await assignSeat(ctx(), owner, subscriptionId, alice.id);
    await assignSeat(ctx(), owner, subscriptionId, bob.id);
    const now = ctx().deps.now();
    await db
      .updateTable('seat_assignments')
      .set({ last_used_at: now - DAY_MS })
      .where('user_id', '=', alice.id)
      .execute();
    const yesterday = localDay(now - DAY_MS, ZONE);
    await recordUsage(db, [
      { org_id: orgId, user_id: alice.id, app_key: key, day: yesterday, sessions: 1, active_seconds: 60 },
      { org_id: orgId, user_id: bob.id, app_key: key, day: yesterday, sessions: 1, active_seconds: 60 },
    ]);
    const body = (await report(ctx(), owner, 'licenses?usedWithinDays=30')).json();
    expect(body.rows).toEqual([
      expect.objectContaining({
        subscriptionId,
        seats: 5,
        assigned: 2,
        used: 1,
        idle: 1,
        idleCostCents: 1000,
        currency: 'AUD',
        daysUntilExpiry: 20,
        peakUsed90d: 2,
        recommendedSeats: 3,
      }),
    ]);
    expect(body.expiringSoon).toHaveLength(1);
  });

  it('finds inactive users and idle seats, and reassigns an idle seat in one step', async () => {
    const { orgId, owner, alice, bob, carol } = await scenario(ctx());
    const db = ctx().deps.database.db;
    const now = ctx().deps.now();
    await db
      .updateTable('users')
      .set({ last_login_at: now - 40 * DAY_MS, created_at: now - 100 * DAY_MS })
      .where('id', '=', bob.id)
      .execute();
    await db
      .updateTable('users')
      .set({ last_login_at: now - 50 * DAY_MS, last_app_use_at: now - 2 * DAY_MS })
      .where('id', '=', alice.id)
      .execute();
    const inactive = (await report(ctx(), owner, 'inactive-users?days=30')).json();
    expect(
      inactive.rows.map((row: { userId: string; inactiveDays: number }) => [row.userId, row.inactiveDays]),
    ).toEqual([[bob.id, 40]]);

    const { subscriptionId } = await createSubscription(ctx(), orgId, { seats: 2 });
    await assignSeat(ctx(), owner, subscriptionId, bob.id);
    await db
      .updateTable('seat_assignments')
      .set({ assigned_at: now - 45 * DAY_MS })
      .where('user_id', '=', bob.id)
      .execute();
    const underused = (await report(ctx(), owner, 'underused-licenses?days=30')).json();
    expect(underused.rows).toEqual([
      expect.objectContaining({ subscriptionId, userId: bob.id, lastUsedAt: null, idleDays: 45 }),
    ]);

    const moved = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${subscriptionId}/assignments/${bob.id}/reassign`,
      headers: as(owner),
      payload: { toUserId: carol.id },
    });
    expect(moved.statusCode).toBe(201);
    expect(moved.json()).toMatchObject({ user: { id: carol.id } });
    const after = (await report(ctx(), owner, 'underused-licenses?days=30')).json();
    expect(after.rows).toEqual([]);
    const again = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${subscriptionId}/assignments/${bob.id}/reassign`,
      headers: as(owner),
      payload: { toUserId: alice.id },
    });
    expect(again.json()).toMatchObject({ status: 404, code: 'not-assigned' });
  });

  it('counts deactivation reasons per local month, and feeds the overview', async () => {
    const { owner, bob } = await scenario(ctx());
    await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/users/${bob.id}/deactivate`,
      headers: as(owner),
      payload: { reason: 'left_organization' },
    });
    const body = (await report(ctx(), owner, 'deactivations')).json();
    expect(body.rows).toEqual([expect.objectContaining({ userId: bob.id, reason: 'left_organization' })]);
    expect(body.series).toEqual([
      { month: expect.stringMatching(/^\d{4}-\d{2}$/), reason: 'left_organization', count: 1 },
    ]);
    // Invited and not yet accepted: counted apart from the active.
    await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as(owner),
      payload: { email: uniqueEmail('invitee'), name: 'Ivy' },
    });
    const overview = (await ctx().app.inject({ url: '/api/v1/overview', headers: as(owner) })).json();
    expect(overview.users).toEqual({ active: 3, deactivated: 1, invited: 1 });
    expect(overview.signIns).toHaveLength(30);
    expect(overview.timeZone).toBe(ZONE);
  });

  it('signals a seat in use at once on two devices far apart (license sharing)', async () => {
    const { orgId, owner, alice } = await scenario(ctx());
    const db = ctx().deps.database.db;
    const session = (device: string, place: [string, number, number], from: string, to: string) =>
      insertAppSession(db, {
        org_id: orgId,
        user_id: alice.id,
        subscription_id: 'sub',
        app_key: 'designer',
        app_version: '1',
        token_hash: `${device}-${from}`,
        heartbeat_interval_s: 60,
        started_at: Date.parse(from),
        last_heartbeat_at: Date.parse(to),
        ended_at: Date.parse(to),
        end_reason: 'signed_out',
        usage_counted_until: Date.parse(to),
        ip: '198.51.100.1',
        country_code: null,
        country: null,
        region: null,
        city: place[0],
        latitude: place[1],
        longitude: place[2],
        asn: null,
        as_organization: null,
        device_type: 'desktop',
        device_id: device,
        device_name: `${device} box`,
        os: null,
        os_version: null,
      });
    const london: [string, number, number] = ['London', 51.5074, -0.1278];
    const manchester: [string, number, number] = ['Manchester', 53.4808, -2.2426];
    const sydney: [string, number, number] = ['Sydney', -33.8688, 151.2093];
    await session('A', london, '2026-04-06T00:00:00Z', '2026-04-06T02:00:00Z');
    await session('B', sydney, '2026-04-06T01:00:00Z', '2026-04-06T01:30:00Z'); // far, overlapping: flagged
    await session('A', sydney, '2026-04-06T01:10:00Z', '2026-04-06T01:20:00Z'); // same device: not sharing
    await session('C', manchester, '2026-04-06T01:40:00Z', '2026-04-06T03:00:00Z'); // 260 km: a train ride
    await session('D', sydney, '2026-04-06T05:00:00Z', '2026-04-06T06:00:00Z'); // no overlap
    const body = (await report(ctx(), owner, 'license-sharing?from=2026-04-04&to=2026-04-07')).json();
    expect(body.rows).toEqual([
      expect.objectContaining({
        userId: alice.id,
        app: 'designer',
        firstDevice: 'A box',
        firstPlace: 'London',
        secondDevice: 'B box',
        secondPlace: 'Sydney',
        overlapMinutes: 30,
      }),
    ]);
    expect(body.rows[0].distanceKm).toBeGreaterThan(16_000);
  });

  it('never shows another organization’s data, and refuses bad ranges', async () => {
    const first = await scenario(ctx());
    const second = await scenario(ctx());
    for (const path of ['logins', 'security', 'app-usage'] as const) {
      const body = (await report(ctx(), first.owner, `${path}?from=2026-04-04&to=2026-04-06`)).json();
      const ids = [...(body.rows ?? []), ...(body.ips ?? [])].map((row: { userId?: string }) => row.userId);
      expect(ids).not.toContain(second.alice.id);
      expect(ids).not.toContain(second.bob.id);
    }
    const ips = (await report(ctx(), first.owner, 'security?from=2026-04-04&to=2026-04-06')).json().ips;
    // Both organizations saw failures from 203.0.113.9; each counts only its own two accounts.
    expect(ips[0]).toMatchObject({ ip: '203.0.113.9', accounts: 2, failed: 4 });
    for (const query of [
      'from=2026-04-06&to=2026-04-01',
      'from=2026-02-30',
      'from=yesterday',
      'from=2020-01-01&to=2026-01-01',
    ]) {
      const response = await report(ctx(), first.owner, `logins?${query}`);
      expect(response.statusCode, query).toBe(400);
    }
    const member = await signIn(ctx().app, first.alice.email, 'a fine long passphrase');
    expect((await report(ctx(), member, 'logins')).statusCode).toBe(403);
  });
});
