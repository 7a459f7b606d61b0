import { expect, it } from 'vitest';
import type { DailyAppUsageRow } from '../../src/server/db/schema.ts';
import type { NewSignInAttempt } from '../../src/server/features/activity/activity.repository.ts';
import { insertSignInAttempts } from '../../src/server/features/activity/activity.repository.ts';
import { addDailyUsage, mergeUsage } from '../../src/server/features/app-sessions/daily-usage.repository.ts';
import { SeededRandom } from '../../src/server/features/demo/random.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import {
  addAppUsageAggregates,
  addSignInAggregates,
  rebuildReportAggregates,
} from '../../src/server/features/report-aggregates/index.ts';
import { insertUser, newUserRow } from '../../src/server/features/users/users.repository.ts';
import { addDays, datesBetween, localDay } from '../../src/server/lib/local-date.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { describeEachDatabase, OWNER_PASSWORD, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

// The reports read running totals and day bitmaps kept up at write time. Here they are checked
// against the raw events counted by brute force, for events written out of order (late events
// before a user's first day, between their days, after a quiet spell) and for ranges that start
// before any activity, end in the past, or cover one day across a DST change; then again after
// the catch-up job has rebuilt every table from the raw events.

const ZONE = 'Australia/Sydney';
const START = Date.parse('2026-02-01T00:00:00Z');
const DAYS = 120;
const DEVICES = [
  { device_type: 'desktop', os: 'Windows', browser: 'Chrome' },
  { device_type: 'mobile', os: 'iOS', browser: 'Mobile Safari' },
  { device_type: 'desktop', os: 'macOS', browser: 'Safari' },
] as const;
const IPS = ['198.51.100.1', '198.51.100.2', '203.0.113.9'];
const APPS = ['designer', 'viewer'];

describeEachDatabase('report aggregates against the raw events', (ctx) => {
  it('give the same numbers as counting the events, for late events and any range, also after a rebuild', async () => {
    const world = await generate(ctx());
    const ranges: [string, string][] = [
      ['2026-01-01', '2026-06-30'], // everything, and days before the first event
      ['2026-01-01', '2026-01-31'], // before any activity
      ['2026-04-05', '2026-04-05'], // the 25-hour day Sydney leaves daylight time
      ['2026-03-10', '2026-04-20'], // ends in the past, while users were still active after it
      ['2026-05-31', '2026-06-30'], // after most users went quiet
    ];
    const random = new SeededRandom(99);
    for (let extra = 0; extra < 4; extra++) {
      const from = addDays('2026-02-01', random.int(0, DAYS));
      ranges.push([from, addDays(from, random.int(0, 40))]);
    }
    for (const [from, to] of ranges) await expectReportsMatch(ctx(), world, from, to);
    await ctx()
      .deps.database.db.transaction()
      .execute((trx) => rebuildReportAggregates(trx, world.orgId));
    for (const [from, to] of ranges) await expectReportsMatch(ctx(), world, from, to);
  });
});

interface World {
  orgId: string;
  owner: Session;
  userIds: string[];
  attempts: NewSignInAttempt[];
  usage: DailyAppUsageRow[];
}

async function generate(context: TestContext): Promise<World> {
  const db = context.deps.database.db;
  const ownerEmail = uniqueEmail('owner');
  const { organization } = await createOrganization(db, {
    name: 'Aggregates',
    timeZone: ZONE,
    ownerEmail,
    ownerPassword: OWNER_PASSWORD,
  });
  const orgId = organization.id;
  const owner = await signIn(context.app, ownerEmail, OWNER_PASSWORD);
  const userIds: string[] = [];
  for (let index = 0; index < 5; index++) {
    const user = newUserRow({
      orgId,
      email: uniqueEmail(`user${index}`),
      name: `User ${index}`,
      role: 'member',
      passwordHash: null,
      now: START,
    });
    await insertUser(db, user);
    userIds.push(user.id);
  }
  const random = new SeededRandom(42);
  const attempts: NewSignInAttempt[] = [];
  for (let index = 0; index < 400; index++) {
    const userIndex = random.int(0, userIds.length - 1);
    // User 4 is only active in the first month: quiet since, at every later bound.
    const span = userIndex === 4 ? 30 : DAYS;
    const failure = random.chance(0.3);
    attempts.push({
      org_id: orgId,
      user_id: userIds[userIndex] ?? '',
      email: 'someone@example.com',
      occurred_at: START + random.int(0, span * 24 * 60) * 60_000,
      outcome: failure ? 'failure' : 'success',
      failure_reason: failure ? (random.chance(0.3) ? 'throttled' : 'invalid_password') : null,
      client: 'console',
      app_key: null,
      app_version: null,
      ip: random.pick(IPS),
      country_code: random.pick(['AU', 'NZ', 'JP']),
      country: null,
      region: null,
      city: null,
      latitude: null,
      longitude: null,
      asn: null,
      as_organization: null,
      ...random.pick(DEVICES),
      os_version: null,
      browser_version: null,
      device_id: null,
      device_name: null,
      user_agent: null,
      risk: '[]',
    });
  }
  const usage: DailyAppUsageRow[] = [];
  for (let index = 0; index < 300; index++) {
    usage.push({
      org_id: orgId,
      user_id: random.pick(userIds),
      app_key: random.pick(APPS),
      day: addDays('2026-02-01', random.int(0, DAYS)),
      sessions: random.int(0, 2),
      active_seconds: random.int(0, 3) * 900,
    });
  }
  // Written in random order and batch sizes: late events land before, between and after a user's days.
  // Each batch as the server writes it: the raw rows, then their aggregates, in one transaction.
  await writeShuffled(random, attempts, (batch) =>
    db.transaction().execute(async (trx) => {
      await insertSignInAttempts(trx, batch);
      await addSignInAggregates(trx, batch);
    }),
  );
  await writeShuffled(random, usage, (batch) =>
    db.transaction().execute(async (trx) => {
      const rows = mergeUsage(batch);
      await addDailyUsage(trx, rows);
      await addAppUsageAggregates(trx, rows);
    }),
  );
  return { orgId, owner, userIds, attempts, usage };
}

async function writeShuffled<T>(random: SeededRandom, items: T[], write: (batch: T[]) => Promise<void>) {
  const shuffled = [...items];
  for (let index = shuffled.length - 1; index > 0; index--) {
    const other = random.int(0, index);
    [shuffled[index], shuffled[other]] = [shuffled[other] as T, shuffled[index] as T];
  }
  for (let start = 0; start < shuffled.length; ) {
    const size = random.int(1, 30);
    await write(shuffled.slice(start, start + size));
    start += size;
  }
}

async function expectReportsMatch(context: TestContext, world: World, from: string, to: string) {
  const get = async (name: string) => {
    const response = await context.app.inject({
      url: `/api/v1/reports/${name}?from=${from}&to=${to}`,
      headers: as(world.owner),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const inRange = world.attempts.filter((attempt) => {
    const day = localDay(attempt.occurred_at, ZONE);
    return day >= from && day <= to;
  });
  const label = `${from}…${to}`;

  const logins = await get('logins');
  for (const userId of world.userIds) {
    const mine = inRange.filter((attempt) => attempt.user_id === userId);
    const row = logins.rows.find((candidate: { userId: string }) => candidate.userId === userId);
    expect({ label, ...pick(row, ['successful', 'failed', 'distinctDevices', 'distinctCountries']) }).toEqual({
      label,
      successful: mine.filter((attempt) => attempt.outcome === 'success').length,
      failed: mine.filter((attempt) => attempt.outcome === 'failure').length,
      distinctDevices: new Set(mine.map((attempt) => `${attempt.device_type}:${attempt.os}:${attempt.browser}`)).size,
      distinctCountries: new Set(mine.map((attempt) => attempt.country_code)).size,
    });
  }
  expect(logins.series).toEqual(
    datesBetween(from, to).map((day) => {
      const that = inRange.filter((attempt) => localDay(attempt.occurred_at, ZONE) === day);
      return {
        day,
        successful: that.filter((attempt) => attempt.outcome === 'success').length,
        failed: that.filter((attempt) => attempt.outcome === 'failure').length,
      };
    }),
  );

  const security = await get('security');
  const failures = inRange.filter((attempt) => attempt.outcome === 'failure');
  const expectedUsers = world.userIds
    .map((userId) => {
      const mine = failures.filter((attempt) => attempt.user_id === userId);
      return {
        userId,
        failed: mine.length,
        throttled: mine.filter((attempt) => attempt.failure_reason === 'throttled').length,
        lastFailureAt: mine.length ? new Date(Math.max(...mine.map((a) => a.occurred_at))).toISOString() : null,
      };
    })
    .filter((row) => row.failed > 0);
  expect(
    sortBy(
      security.rows.map((row: Record<string, unknown>) =>
        pick(row, ['userId', 'failed', 'throttled', 'lastFailureAt']),
      ),
      'userId',
    ),
    label,
  ).toEqual(sortBy(expectedUsers, 'userId'));
  expect(
    sortBy(
      security.ips.map((row: Record<string, unknown>) => pick(row, ['ip', 'failed', 'accounts'])),
      'ip',
    ),
    label,
  ).toEqual(
    sortBy(
      IPS.map((ip) => {
        const fromIp = failures.filter((attempt) => attempt.ip === ip);
        return { ip, failed: fromIp.length, accounts: new Set(fromIp.map((attempt) => attempt.user_id)).size };
      }).filter((row) => row.failed > 0),
      'ip',
    ),
  );

  const appUsage = await get('app-usage');
  const active = world.usage.filter((row) => row.sessions > 0 || row.active_seconds > 0);
  const expectedRows = world.userIds.flatMap((userId) =>
    APPS.flatMap((app) => {
      const mine = active.filter(
        (row) => row.user_id === userId && row.app_key === app && row.day >= from && row.day <= to,
      );
      if (mine.length === 0) return [];
      return [
        {
          userId,
          app,
          activeDays: new Set(mine.map((row) => row.day)).size,
          sessions: mine.reduce((sum, row) => sum + row.sessions, 0),
          hours: Math.round((mine.reduce((sum, row) => sum + row.active_seconds, 0) / 3600) * 10) / 10,
        },
      ];
    }),
  );
  expect(
    sortBy(
      appUsage.rows.map((row: Record<string, unknown>) => ({
        ...pick(row, ['userId', 'app', 'activeDays', 'sessions', 'hours']),
        sortKey: `${row.userId}|${row.app}`,
      })),
      'sortKey',
    ),
    label,
  ).toEqual(
    sortBy(
      expectedRows.map((row) => ({ ...row, sortKey: `${row.userId}|${row.app}` })),
      'sortKey',
    ),
  );
  const activeOn = (day: string, window: number) =>
    new Set(active.filter((row) => row.day <= day && row.day > addDays(day, -window)).map((row) => row.user_id)).size;
  expect(appUsage.series, label).toEqual(
    datesBetween(from, to).map((day) => ({
      day,
      dau: activeOn(day, 1),
      wau: activeOn(day, 7),
      mau: activeOn(day, 30),
    })),
  );
}

function pick(row: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((key) => [key, row?.[key]]));
}

function sortBy<T extends Record<string, unknown>>(rows: T[], key: string): T[] {
  return [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
}
