import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { DEMO_OWNER, seedDemoIfEmpty } from '../../src/server/features/demo/seed-demo.ts';
import { openGeoIp } from '../../src/server/features/geo/geoip.ts';
import { as, signIn } from '../helpers/session.ts';
import { describeEachDatabase } from '../helpers/test-app.ts';

describeEachDatabase('demo organization', (ctx) => {
  it('seeds ~50 people with six months of varied sign-ins, once, and the owner can sign in', async () => {
    // The demo's addresses are chosen for the bundled DB-IP database, so seed with it.
    const geo = await openGeoIp({});
    const lines: string[] = [];
    const deps = { ...ctx().deps, geo };
    try {
      expect(await seedDemoIfEmpty(deps, { log: (line) => lines.push(line) })).toBe(true);
      expect(await seedDemoIfEmpty(deps, { log: (line) => lines.push(line) })).toBe(false);
    } finally {
      geo.close();
    }
    expect(lines.join('\n')).toContain(`${DEMO_OWNER.email} / ${DEMO_OWNER.password}`);
    expect(lines.some((line) => line.includes('100%'))).toBe(true);

    const db = ctx().deps.database.db;
    const stats = await db
      .selectFrom('sign_in_attempts')
      .select([
        sql<number>`count(*)`.as('total'),
        sql<number>`count(distinct country_code)`.as('countries'),
        sql<number>`count(distinct device_type)`.as('deviceTypes'),
        sql<number>`sum(case when outcome = 'failure' then 1 else 0 end)`.as('failures'),
        sql<number>`sum(case when org_id is null then 1 else 0 end)`.as('unknownAccounts'),
        sql<number>`min(occurred_at)`.as('first'),
        sql<number>`max(occurred_at)`.as('last'),
        sql<number>`sum(case when occurred_at <> round(occurred_at) then 1 else 0 end)`.as('fractional'),
      ])
      .executeTakeFirstOrThrow();
    expect(Number(stats.total)).toBeGreaterThan(3000);
    expect(Number(stats.countries)).toBeGreaterThanOrEqual(8);
    expect(Number(stats.deviceTypes)).toBeGreaterThanOrEqual(4);
    expect(Number(stats.failures)).toBeGreaterThan(50);
    expect(Number(stats.unknownAccounts)).toBeGreaterThan(0);
    expect(Number(stats.fractional)).toBe(0);
    const days = (Number(stats.last) - Number(stats.first)) / 86_400_000;
    expect(days).toBeGreaterThan(170);

    const owner = await signIn(ctx().app, DEMO_OWNER.email, DEMO_OWNER.password);
    const users = (await ctx().app.inject({ url: '/api/v1/users?limit=200', headers: as(owner) })).json().items;
    expect(users.length).toBe(50);
    const statuses = new Set(
      users.map((user: { status: string; invitationPending: boolean }) =>
        user.invitationPending ? 'invited' : user.status,
      ),
    );
    expect(statuses).toEqual(new Set(['active', 'deactivated', 'invited']));

    const subscriptions = (await ctx().app.inject({ url: '/api/v1/subscriptions', headers: as(owner) })).json().items;
    expect(subscriptions).toHaveLength(4);
    expect(subscriptions.some((item: { seats: number; assigned: number }) => item.seats - item.assigned <= 2)).toBe(
      true,
    );
    expect(subscriptions.some((item: { daysUntilExpiry: number }) => item.daysUntilExpiry <= 14)).toBe(true);
    expect(subscriptions.some((item: { status: string }) => item.status === 'cancelled')).toBe(true);
    const usage = await db
      .selectFrom('daily_app_usage')
      .select([sql<number>`sum(sessions)`.as('sessions'), sql<number>`count(distinct day)`.as('days')])
      .executeTakeFirstOrThrow();
    // The floating pool's sessions open now are counted when they end.
    const sessions = await db
      .selectFrom('app_sessions')
      .select(sql<number>`count(*)`.as('count'))
      .where('ended_at', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(sessions.count)).toBeGreaterThan(1000);
    expect(Number(usage.sessions)).toBe(Number(sessions.count));
    expect(Number(usage.days)).toBeGreaterThan(100);

    // A floating pool under pressure: months of hourly seats in use, refusals (some retried, most given
    // up), sessions holding a seat now; and a named seat borrowed for a trip.
    const pool = await db
      .selectFrom('subscriptions')
      .select(['id', 'seats', 'leased'])
      .where('kind', '=', 'floating')
      .executeTakeFirstOrThrow();
    expect(Number(pool.leased)).toBeGreaterThan(0);
    expect(Number(pool.leased)).toBeLessThanOrEqual(Number(pool.seats));
    const live = await db
      .selectFrom('seat_leases')
      .select(sql<number>`count(*)`.as('count'))
      .where('subscription_id', '=', pool.id)
      .where('released_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(live.count)).toBe(Number(pool.leased));
    const borrowed = await db
      .selectFrom('seat_leases')
      .select(['borrowed_until'])
      .where('released_at', 'is', null)
      .where('borrowed_until', 'is not', null)
      .execute();
    expect(borrowed).toHaveLength(1);
    expect(Number(borrowed[0]?.borrowed_until)).toBeGreaterThan(ctx().deps.now());
    const demand = (
      await ctx().app.inject({ url: '/api/v1/reports/demand?product=render-studio', headers: as(owner) })
    ).json();
    expect(demand.rows).toEqual([
      expect.objectContaining({
        kind: 'floating',
        seats: 8,
        recommendation: expect.stringMatching(/^Buy \d+ more seats? of Render Studio/),
      }),
    ]);
    expect(demand.rows[0].hoursAtCapacity).toBeGreaterThan(10);
    expect(demand.rows[0].turnedAwayUsers).toBeGreaterThan(3);
    const denials = (await ctx().app.inject({ url: '/api/v1/reports/denials', headers: as(owner) })).json();
    const refused = denials.rows.find((row: { app: string }) => row.app === 'render-studio');
    expect(refused.real).toBeGreaterThan(0);
    expect(refused.seatOnRetry).toBeGreaterThan(0);
    expect(denials.users.length).toBeGreaterThan(3);

    // Every report has something to show, the license-sharing signal and the seat reports included.
    for (const report of [
      'logins',
      'app-usage',
      'licenses',
      'inactive-users',
      'security',
      'license-sharing',
      'denials',
      'demand',
    ]) {
      const answer = await ctx().app.inject({ url: `/api/v1/reports/${report}`, headers: as(owner) });
      expect(answer.json().rows.length, report).toBeGreaterThan(0);
    }

    // The Security page has the demo's attacks to show, explained, and the stolen password on the map.
    const alerts = (await ctx().app.inject({ url: '/api/v1/alerts?status=open&limit=200', headers: as(owner) })).json();
    const types = new Set(alerts.items.map((alert: { type: string }) => alert.type));
    for (const type of ['brute_force', 'password_spraying', 'account_takeover']) expect(types, type).toContain(type);
    // Six months of ordinary work raise few alerts: the attacks, not every trip.
    expect(alerts.items.length).toBeLessThan(25);

    // The audit log shows how the owner built the organization: people added, seats given, deactivations
    // with their reasons — from the owner's own addresses, in time order.
    const audit = (await ctx().app.inject({ url: '/api/v1/audit-log?limit=200', headers: as(owner) })).json();
    const actions = new Set(audit.items.map((entry: { action: string }) => entry.action));
    for (const action of ['user.created', 'seat.assigned', 'user.deactivated'])
      expect(actions, action).toContain(action);
    const deactivation = audit.items.find((entry: { action: string }) => entry.action === 'user.deactivated');
    expect(deactivation.actor).toMatchObject({ type: 'user', label: DEMO_OWNER.email });
    expect(deactivation.after.reason).toEqual(expect.any(String));
    expect(deactivation.ip).toEqual(expect.any(String));
    const times = audit.items.map((entry: { occurredAt: string }) => Date.parse(entry.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Replaying six months through the detectors writes ~8,000 attempts one by one: on PostgreSQL, with the
    // rest of the suite running beside it, that can take longer than the default 30 s.
  }, 180_000);
});
