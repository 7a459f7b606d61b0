import { expect, it } from 'vitest';
import { insertSignInAttempts } from '../../src/server/features/activity/activity.repository.ts';
import { SeededRandom } from '../../src/server/features/demo/random.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { addSignInAggregates } from '../../src/server/features/report-aggregates/index.ts';
import { insertUser, newUserRow } from '../../src/server/features/users/users.repository.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { describeEachDatabase, OWNER_PASSWORD, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

// The per-user report tables sorted and paged on the server: following nextCursor gives every
// row exactly once, in the same order as the whole table sorted the same way; CSV is the whole
// table in the asked order; a cursor of another sort, or garbage, is a 400.

const DAY_MS = 86_400_000;
const USERS = 23;

describeEachDatabase('report tables paged and sorted on the server', (ctx) => {
  it('pages of the sign-ins table hold every user once, in the sort asked for', async () => {
    const world = await generate(ctx());
    const range = 'from=2026-03-01&to=2026-03-31';
    const whole = await get(ctx(), world.owner, `logins?${range}`);
    expect(whole.rows).toHaveLength(USERS + 1);
    expect(whole.nextCursor).toBeNull();
    expect(whole.totalRows).toBe(USERS + 1);
    // The default order: most sign-ins first.
    const totals = whole.rows.map((row: { total: number }) => row.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));

    // docs/api-reports.md's example: a page of 50 by failures (the whole table here).
    const example = await get(ctx(), world.owner, `logins?${range}&sort=failed&order=desc&limit=50`);
    expect(example.rows).toHaveLength(USERS + 1);
    expect(example.nextCursor).toBeNull();
    expect(example.totalRows).toBe(USERS + 1);

    for (const [sort, order] of [
      ['name', 'asc'],
      ['failed', 'desc'],
      ['lastSignInAt', 'asc'],
      ['distinctDevices', 'desc'],
    ] as const) {
      const sorted = await get(ctx(), world.owner, `logins?${range}&sort=${sort}&order=${order}`);
      const pages = await allPages(ctx(), world.owner, `logins?${range}&sort=${sort}&order=${order}&limit=5`);
      expect(pages.length).toBe(Math.ceil((USERS + 1) / 5));
      const paged = pages.flatMap((page) => page.rows);
      expect(
        paged.map((row: { userId: string }) => row.userId),
        sort,
      ).toEqual(sorted.rows.map((row: { userId: string }) => row.userId));
      expect(new Set(paged.map((row: { userId: string }) => row.userId)).size).toBe(USERS + 1);
      expect(pages.every((page) => page.totalRows === USERS + 1)).toBe(true);
      const values = sorted.rows.map((row: Record<string, string | number | null>) => row[sort]);
      const present = values.filter((value: unknown) => value !== null);
      const expected = [...present].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      // Nulls (never signed in) last in either direction.
      expect(values.slice(0, present.length), sort).toEqual(order === 'asc' ? expected : expected.reverse());
    }
  });

  it('pages the inactive users and the app usage too, and the CSV is the whole table in the asked order', async () => {
    const world = await generate(ctx());
    const inactive = await get(ctx(), world.owner, 'inactive-users?days=30&sort=name');
    expect(inactive.rows.length).toBeGreaterThan(5);
    const pages = await allPages(ctx(), world.owner, 'inactive-users?days=30&sort=name&limit=4');
    expect(pages.flatMap((page) => page.rows)).toEqual(inactive.rows);
    const names = inactive.rows.map((row: { name: string }) => row.name);
    expect(names).toEqual([...names].sort());

    const csv = await ctx().app.inject({
      url: '/api/v1/reports/inactive-users?days=30&sort=name&order=desc&limit=2&format=csv',
      headers: as(world.owner),
    });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(inactive.rows.length + 1);
    expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual([...names].reverse());

    const usage = await get(ctx(), world.owner, 'app-usage?from=2026-03-01&to=2026-03-31&limit=10');
    expect(usage.rows).toEqual([]);
    expect(usage.nextCursor).toBeNull();
    expect(usage.totalRows).toBe(0);
  });

  it('answers 400 to a cursor that is garbage or belongs to another sort', async () => {
    const world = await generate(ctx());
    const range = 'from=2026-03-01&to=2026-03-31';
    const first = await get(ctx(), world.owner, `logins?${range}&sort=name&limit=5`);
    for (const query of [
      `logins?${range}&sort=failed&limit=5&cursor=${first.nextCursor}`,
      `logins?${range}&sort=name&order=desc&limit=5&cursor=${first.nextCursor}`,
      `logins?${range}&limit=5&cursor=not-a-cursor`,
      `logins?${range}&limit=5&cursor=${Buffer.from('["name:asc",-1]').toString('base64url')}`,
      `inactive-users?limit=5&cursor=${Buffer.from('{}').toString('base64url')}`,
    ]) {
      const response = await ctx().app.inject({ url: `/api/v1/reports/${query}`, headers: as(world.owner) });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code, query).toBe('invalid-cursor');
    }
    for (const query of [`logins?${range}&sort=password`, `logins?${range}&limit=0`, `logins?${range}&limit=501`]) {
      const response = await ctx().app.inject({ url: `/api/v1/reports/${query}`, headers: as(world.owner) });
      expect(response.statusCode, query).toBe(400);
    }
  });
});

async function generate(context: TestContext): Promise<{ orgId: string; owner: Session }> {
  const db = context.deps.database.db;
  const ownerEmail = uniqueEmail('owner');
  const { organization } = await createOrganization(db, {
    name: 'Paging',
    timeZone: 'UTC',
    ownerEmail,
    ownerPassword: OWNER_PASSWORD,
  });
  const orgId = organization.id;
  const owner = await signIn(context.app, ownerEmail, OWNER_PASSWORD);
  const random = new SeededRandom(5);
  const start = Date.parse('2026-03-01T09:00:00Z');
  const userIds: string[] = [];
  for (let index = 0; index < USERS; index++) {
    // Names repeat (ties broken by id) and some users never sign in (null last sign-in).
    const user = newUserRow({
      orgId,
      email: uniqueEmail(`paged${index}`),
      name: `Person ${String.fromCharCode(65 + (index % 9))}`,
      role: 'member',
      passwordHash: null,
      now: start - 200 * DAY_MS,
    });
    await insertUser(db, user);
    if (index % 4 !== 0) userIds.push(user.id);
  }
  const attempts = Array.from({ length: 120 }, () => {
    const failure = random.chance(0.3);
    return {
      org_id: orgId,
      user_id: random.pick(userIds),
      email: 'someone@example.com',
      occurred_at: start + random.int(0, 20 * 24 * 60) * 60_000,
      outcome: failure ? ('failure' as const) : ('success' as const),
      failure_reason: failure ? 'invalid_password' : null,
      client: 'console' as const,
      app_key: null,
      app_version: null,
      ip: `192.0.2.${random.int(1, 9)}`,
      country_code: random.pick(['DE', 'FR']),
      country: null,
      region: null,
      city: null,
      latitude: null,
      longitude: null,
      asn: null,
      as_organization: null,
      device_type: 'desktop',
      os: random.pick(['Windows', 'macOS']),
      browser: 'Chrome',
      os_version: null,
      browser_version: null,
      device_id: null,
      device_name: null,
      user_agent: null,
      risk: '[]',
    };
  });
  await db.transaction().execute(async (trx) => {
    await insertSignInAttempts(trx, attempts);
    await addSignInAggregates(trx, attempts);
  });
  // Last sign-ins as the sign-in path keeps them on the user: some users have none.
  for (const userId of userIds) {
    const mine = attempts.filter((attempt) => attempt.user_id === userId && attempt.outcome === 'success');
    if (mine.length === 0) continue;
    await db
      .updateTable('users')
      .set({ last_login_at: Math.max(...mine.map((attempt) => attempt.occurred_at)) })
      .where('id', '=', userId)
      .execute();
  }
  return { orgId, owner };
}

async function get(context: TestContext, owner: Session, path: string) {
  const response = await context.app.inject({ url: `/api/v1/reports/${path}`, headers: as(owner) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function allPages(context: TestContext, owner: Session, path: string) {
  const pages = [];
  let cursor: string | null = null;
  do {
    const page = await get(context, owner, cursor ? `${path}&cursor=${cursor}` : path);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return pages;
}
