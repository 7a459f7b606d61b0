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

  it('nothing was created by any of the above', async () => {
    const list = await ctx().app.inject({ url: '/api/v1/users', headers: as(owner) });
    expect(list.json().items).toHaveLength(1);
  });
});
