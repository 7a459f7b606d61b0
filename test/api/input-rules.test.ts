import { beforeAll, expect, it } from 'vitest';
import { assignSeat, createMember, createSubscription, MEMBER_PASSWORD, startAppSession } from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

type Answer = { statusCode: number; headers: Record<string, unknown>; json(): unknown };

/** A 400 problem; answers its body. */
function badRequest(response: Answer, label = '') {
  expect(response.statusCode, label).toBe(400);
  expect(response.headers['content-type'], label).toContain('application/problem+json');
  return response.json() as { code: string; detail?: string; errors?: { path: string; message: string }[] };
}

const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

/** Rows of the tables an app sign-in writes (attempt log, sessions) and of users. */
async function rowCounts(context: TestContext) {
  const db = context.deps.database.db;
  const count = async (table: 'sign_in_attempts' | 'app_sessions' | 'users') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    attempts: await count('sign_in_attempts'),
    sessions: await count('app_sessions'),
    users: await count('users'),
  };
}

describeEachDatabase('input rules: the same answer on SQLite and PostgreSQL', (ctx) => {
  let owner: Session;
  let ownerId: string;
  let orgId: string;

  beforeAll(async () => {
    const org = await createOrgWithOwner(ctx(), 'Rules');
    owner = await signIn(ctx().app, org.email, org.password);
    ownerId = org.ownerId;
    orgId = org.orgId;
  });

  it('a control character in a body field, a query parameter or a path parameter → 400 naming the field', async () => {
    const before = await rowCounts(ctx());
    const body = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as(owner),
      payload: { email: 'nul@example.com', name: 'Nul\u0000Name' },
    });
    expect(badRequest(body).errors).toEqual([{ path: 'body/name', message: expect.stringContaining('control') }]);
    const query = await ctx().app.inject({ url: '/api/v1/users?query=a%00b', headers: as(owner) });
    expect(badRequest(query).errors?.[0]?.path).toBe('querystring/query');
    const param = await ctx().app.inject({ url: '/api/v1/users/a%00b', headers: as(owner) });
    expect(badRequest(param).errors?.[0]?.path).toBe('params/id');
    for (const character of ['\u0001', '\u001b', '\u007f', '\u000b']) {
      const response = await ctx().app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${ownerId}`,
        headers: as(owner),
        payload: { name: `Bad${character}Name` },
      });
      expect(badRequest(response, JSON.stringify(character)).code).toBe('invalid-request');
    }
    expect(await rowCounts(ctx())).toEqual(before);
  });

  it('tab, line feed and carriage return are allowed', async () => {
    const response = await ctx().app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${ownerId}`,
      headers: as(owner),
      payload: { name: 'Rules\tOwner\r\n' },
    });
    expect(response.statusCode).toBe(200);
  });

  it('a failed app sign-in with NUL in device.id → 400, and nothing is written', async () => {
    const { productKey, subscriptionId } = await createSubscription(ctx(), orgId, { seats: 1 });
    const member = await createMember(ctx(), owner);
    expect((await assignSeat(ctx(), owner, subscriptionId, member.id)).statusCode).toBe(201);
    const before = await rowCounts(ctx());
    const device = { id: 'machine\u0000x', name: 'Laptop', os: 'Windows', osVersion: '11' };
    for (const password of ['wrong password', MEMBER_PASSWORD]) {
      const response = await startAppSession(ctx(), { email: member.email, password, appKey: productKey, device });
      expect(badRequest(response).errors?.[0]?.path).toBe('body/device/id');
    }
    expect(await rowCounts(ctx())).toEqual(before);
  });

  it('a cursor holding anything but safe integers and plain text → 400 invalid-cursor', async () => {
    for (const key of [
      [1e308, 0, 1],
      [1.5, 0, 1],
      [Date.now(), 0, 2 ** 63],
      [Date.now(), 0, -1e20],
    ]) {
      const response = await ctx().app.inject({
        url: `/api/v1/users/${ownerId}/activity?cursor=${cursorOf(key)}`,
        headers: as(owner),
      });
      expect(badRequest(response, JSON.stringify(key)).code).toBe('invalid-cursor');
    }
    for (const [sort, key] of [
      ['name', ['a\u0000', 'x']],
      ['createdAt', [1e308, 'x']],
      ['lastLoginAt', [0.5, 'x']],
    ] as const) {
      const response = await ctx().app.inject({
        url: `/api/v1/users?sort=${sort}&cursor=${cursorOf(key)}`,
        headers: as(owner),
      });
      expect(badRequest(response, sort).code).toBe('invalid-cursor');
    }
  });

  it('numbers out of range in a query → 400', async () => {
    for (const url of [
      `/api/v1/users/${ownerId}/activity?limit=1e308`,
      `/api/v1/users/${ownerId}/activity?limit=1.5`,
      '/api/v1/reports/inactive-users?days=9007199254740993',
      '/api/v1/reports/licenses?usedWithinDays=-1',
    ]) {
      expect(badRequest(await ctx().app.inject({ url, headers: as(owner) }), url).code).toBe('invalid-request');
    }
  });

  it('date-times that are not real instants inside 1970–2100 → 400', async () => {
    for (const from of [
      '2016-12-31T23:59:60Z',
      '2021-02-30T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '275760-09-13T00:00:00Z',
      '+275760-09-13T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '2101-01-01T00:00:00Z',
      '2024-01-01T00:00:00',
      '2024-01-01T24:00:00Z',
    ]) {
      const response = await ctx().app.inject({
        url: `/api/v1/users/${ownerId}/activity?from=${encodeURIComponent(from)}`,
        headers: as(owner),
      });
      expect(badRequest(response, from).errors?.[0]?.path).toBe('querystring/from');
    }
    const ok = await ctx().app.inject({
      url: `/api/v1/users/${ownerId}/activity?from=1970-01-01T00:00:00Z&to=${encodeURIComponent('2100-12-31T23:59:59.999+00:00')}`,
      headers: as(owner),
    });
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it('report dates outside 1970–2100 or not on the calendar → 400 at once', async () => {
    for (const query of [
      'to=9999-12-31',
      'from=9999-12-01&to=9999-12-31',
      'from=2101-01-01&to=2101-01-02',
      'from=1969-12-30&to=1970-01-02',
      'from=2021-02-27&to=2021-02-30',
      'from=0000-01-01&to=0000-01-02',
    ]) {
      const response = await ctx().app.inject({ url: `/api/v1/reports/logins?${query}`, headers: as(owner) });
      expect(badRequest(response, query).code).toBe('invalid-request');
    }
  });

  it('a report at the end of the span answers every day of it', async () => {
    const response = await ctx().app.inject({
      url: '/api/v1/reports/app-usage?from=2098-01-01&to=2100-12-31',
      headers: as(owner),
    });
    expect(response.statusCode).toBe(200);
    const series = (response.json() as { series: { day: string }[] }).series;
    expect(series).toHaveLength(365 * 3);
    expect(series.at(0)?.day).toBe('2098-01-01');
    expect(series.at(-1)?.day).toBe('2100-12-31');
  });
});
