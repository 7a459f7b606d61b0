import { beforeAll, expect, it } from 'vitest';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase } from '../helpers/test-app.ts';

describeEachDatabase('bad input', (ctx) => {
  let owner: Session;
  let ownerId: string;
  const problem = (response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => {
    expect(response.headers['content-type']).toContain('application/problem+json');
    return response.json() as { status: number; code: string; type: string; title: string; detail?: string };
  };

  beforeAll(async () => {
    const org = await createOrgWithOwner(ctx(), 'Inputs');
    owner = await signIn(ctx().app, org.email, org.password);
    ownerId = org.ownerId;
  });

  it('malformed JSON → 400 invalid-json', async () => {
    const response = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...as(owner), 'content-type': 'application/json' },
      payload: '{"email": "a@example.com", "name": ',
    });
    expect(response.statusCode).toBe(400);
    expect(problem(response).code).toBe('invalid-json');
  });

  it('wrong types and missing fields → 400 naming the field', async () => {
    const response = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as(owner),
      payload: { email: 42, name: ['x'] },
    });
    expect(response.statusCode).toBe(400);
    expect(problem(response)).toMatchObject({ code: 'invalid-request', detail: expect.stringContaining('email') });
    const login = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'x@example.com' },
    });
    expect(problem(login)).toMatchObject({ status: 400, detail: expect.stringContaining('password is required') });
  });

  it('unknown enum values → 400 listing the allowed ones', async () => {
    const response = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as(owner),
      payload: { email: 'enum@example.com', name: 'Enum', role: 'admin' },
    });
    expect(problem(response)).toMatchObject({ status: 400, detail: expect.stringContaining('owner, member') });
    const activity = await ctx().app.inject({
      url: `/api/v1/users/${ownerId}/activity?deviceType=toaster`,
      headers: as(owner),
    });
    expect(problem(activity).status).toBe(400);
  });

  it('an oversized body → 413', async () => {
    const response = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as(owner),
      payload: { email: 'big@example.com', name: 'x'.repeat(300 * 1024) },
    });
    expect(response.statusCode).toBe(413);
    expect(problem(response).code).toBe('payload-too-large');
  });

  it('limit out of range and a garbage cursor → 400', async () => {
    for (const query of [
      'limit=0',
      'limit=201',
      'limit=ten',
      'cursor=garbage!!',
      `cursor=${Buffer.from('[1]').toString('base64url')}`,
    ]) {
      const response = await ctx().app.inject({
        url: `/api/v1/users/${ownerId}/activity?${query}`,
        headers: as(owner),
      });
      expect(response.statusCode, query).toBe(400);
      problem(response);
    }
    const users = await ctx().app.inject({ url: '/api/v1/users?cursor=eyJub3QiOiJhbiBhcnJheSJ9', headers: as(owner) });
    expect(problem(users).code).toBe('invalid-cursor');
  });

  it('a bad date in a filter → 400', async () => {
    const response = await ctx().app.inject({
      url: `/api/v1/users/${ownerId}/activity?from=yesterday`,
      headers: as(owner),
    });
    expect(problem(response).status).toBe(400);
  });

  it('unknown routes → 404 problem; wrong content type → 415', async () => {
    expect(problem(await ctx().app.inject({ url: '/api/v1/nope' })).status).toBe(404);
    const xml = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expect(problem(xml).status).toBe(415);
  });

  it('the sign-in log: NUL, absurd dates, huge ids and cursors → 4xx problem (PostgreSQL never sees them)', async () => {
    const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const cases: [url: string, status: number][] = [
      ['/api/v1/sign-ins?ip=%00', 400],
      ['/api/v1/sign-ins?ip=10.0.0.1%00', 400],
      ['/api/v1/sign-ins?ip=10.0.0.0%2F8%00', 400],
      ['/api/v1/sign-ins?ip=1.2.3.4%2F99999999999999999999', 400],
      [`/api/v1/sign-ins?ip=${'1'.repeat(65)}`, 400],
      ['/api/v1/sign-ins?user=a%00b', 400],
      ['/api/v1/sign-ins?app=a%00b', 400],
      ['/api/v1/sign-ins?from=9999-12-31T00:00:00Z', 400],
      ['/api/v1/sign-ins?to=0001-01-01T00:00:00Z', 400],
      ['/api/v1/sign-ins?from=2024-02-30T00:00:00Z', 400],
      ['/api/v1/sign-ins?from=%2B275760-09-13T00:00:00.000Z', 400],
      [`/api/v1/sign-ins?cursor=${cursor([1e308, 1])}`, 400],
      [`/api/v1/sign-ins?cursor=${cursor([2 ** 53, 1])}`, 400],
      [`/api/v1/sign-ins?cursor=${cursor(['\u0000', 1])}`, 400],
      // Integers at the edges of the safe range are valid positions: an empty page, not an overflow.
      [`/api/v1/sign-ins?cursor=${cursor([-9007199254740991, -9007199254740991])}`, 200],
      [`/api/v1/sign-ins?cursor=${cursor([9007199254740991, 9007199254740991])}`, 200],
      ['/api/v1/sign-ins/99999999999999999999', 404],
      ['/api/v1/sign-ins/9223372036854775808', 404],
      ['/api/v1/sign-ins/-1', 404],
      ['/api/v1/sign-ins/%00', 400],
      [`/api/v1/users/${'9'.repeat(64)}/places`, 404],
    ];
    for (const [url, status] of cases) {
      const response = await ctx().app.inject({ url, headers: as(owner) });
      expect(response.statusCode, url).toBe(status);
      if (status >= 400) problem(response);
    }
  });

  it('the users list, bulk actions and the import: NUL, absurd dates, huge ids → 4xx problem', async () => {
    for (const [url, status] of [
      ['/api/v1/users?lastActiveBefore=9999-12-31T00:00:00Z', 400],
      ['/api/v1/users?lastActiveBefore=2024-02-30T00:00:00Z', 400],
      ['/api/v1/users?lastActiveBefore=a%00b', 400],
      ['/api/v1/users?lastActiveBefore=1970-01-01T00:00:00Z', 200],
      [`/api/v1/users/${'9'.repeat(64)}/released-seats`, 404],
    ] as const) {
      const response = await ctx().app.inject({ url, headers: as(owner) });
      expect(response.statusCode, url).toBe(status);
      if (status >= 400) problem(response);
    }
    const huge = '9'.repeat(64);
    for (const [url, payload, status] of [
      ['/api/v1/users/bulk/assign-seat', { userIds: [huge], subscriptionId: huge }, 400],
      ['/api/v1/users/bulk/assign-seat', { userIds: [ownerId], subscriptionId: huge }, 404],
      ['/api/v1/users/bulk/assign-seat', { userIds: ['a\u0000b'], subscriptionId: 'x' }, 400],
      ['/api/v1/users/bulk/unassign-seat', { userIds: [ownerId], subscriptionId: 'a\u0000b' }, 400],
      ['/api/v1/users/bulk/deactivate', { userIds: [huge], reason: 'left_organization' }, 400],
      ['/api/v1/users/bulk/deactivate', { userIds: [ownerId, ownerId], reason: 'left_organization' }, 400],
      ['/api/v1/users/bulk/export', { userIds: [huge] }, 400],
      ['/api/v1/users/bulk/export', { userIds: 'everyone' }, 400],
      ['/api/v1/users/import', { csv: 'email,name\nx@example.com,A\u0000B\n', dryRun: false }, 400],
      ['/api/v1/users/import', { csv: 'email,name\nx@example.com,X\n', dryRun: 'yes' }, 400],
      ['/api/v1/users/import', { csv: '', dryRun: true }, 400],
      ['/api/v1/users/import', { csv: '"', dryRun: true }, 400],
      [`/api/v1/users/${ownerId}/reactivate`, { restoreSeats: 'yes' }, 400],
      ['/api/v1/users', { email: 'seat@example.com', name: 'Seat', subscriptionId: huge }, 404],
    ] as const) {
      const response = await ctx().app.inject({ method: 'POST', url, headers: as(owner), payload });
      expect(response.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(status);
      problem(response);
    }
  });

  it('nothing was created by any of the above', async () => {
    const list = await ctx().app.inject({ url: '/api/v1/users', headers: as(owner) });
    expect(list.json().items).toHaveLength(1);
  });
});
