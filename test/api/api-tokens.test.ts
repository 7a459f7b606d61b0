import { createHash } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { expectNoAuditRow, expectOneAuditRow } from '../helpers/audit.ts';
import { createMember, MEMBER_PASSWORD } from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, uniqueEmail } from '../helpers/test-app.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

interface CreatedToken {
  token: string;
  apiToken: {
    id: string;
    name: string;
    scope: string;
    prefix: string;
    status: string;
    createdBy: { id: string; name: string; email: string };
    expiresAt: string | null;
    lastUsedAt: string | null;
    lastUsedIp: string | null;
    revokedAt: string | null;
  };
}

function bearer(token: string, remoteAddress = '198.51.100.20') {
  return { headers: { authorization: `Bearer ${token}` }, remoteAddress };
}

describeEachDatabase('API tokens', (ctx) => {
  let owner: Session;
  let orgId: string;
  let ownerEmail: string;
  let ownerPassword: string;

  async function createToken(session: Session, body: Record<string, unknown>) {
    const response = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: as(session),
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as CreatedToken;
  }

  async function tokenRow(id: string) {
    return ctx().deps.database.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  function listTokens(session: Session, query = '') {
    return ctx().app.inject({ method: 'GET', url: `/api/v1/api-tokens${query}`, headers: as(session) });
  }

  beforeAll(async () => {
    const org = await createOrgWithOwner(ctx(), 'Tokens');
    orgId = org.orgId;
    ownerEmail = org.email;
    ownerPassword = org.password;
    owner = await signIn(ctx().app, org.email, org.password);
  });

  it('creates a token shown once, stores only its hash, lists it and records the creation', async () => {
    const expiresAt = new Date(ctx().deps.now() + 30 * DAY).toISOString();
    const { row: audit, result: created } = await expectOneAuditRow(ctx(), orgId, 'api_token.created', () =>
      createToken(owner, { name: '  Nightly sync ', scope: 'read', expiresAt }),
    );
    expect(created.token).toMatch(/^skt_[A-Za-z0-9_-]{43}$/);
    expect(created.apiToken).toMatchObject({
      name: 'Nightly sync',
      scope: 'read',
      status: 'active',
      prefix: created.token.slice(0, 10),
      createdBy: { id: owner.userId },
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    });

    const row = await tokenRow(created.apiToken.id);
    expect(row.token_hash).toBe(createHash('sha256').update(created.token).digest('base64url'));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(row.org_id).toBe(orgId);

    expect(audit).toMatchObject({
      actor_id: owner.userId,
      api_token_id: null,
      target_type: 'api_token',
      target_id: created.apiToken.id,
      target_label: 'Nightly sync',
    });
    expect(JSON.parse(audit.after ?? '{}')).toEqual({ name: 'Nightly sync', scope: 'read', expiresAt });

    const list = await listTokens(owner);
    expect(list.statusCode).toBe(200);
    const listed = (list.json() as { items: CreatedToken['apiToken'][] }).items;
    expect(listed.find((item) => item.id === created.apiToken.id)).toEqual(created.apiToken);
    // The secret is never answered again.
    expect(list.body).not.toContain(created.token);
    expect(list.body).not.toContain(row.token_hash);
  });

  it('pages the list with a cursor, newest first', async () => {
    for (const name of ['page a', 'page b', 'page c']) await createToken(owner, { name, scope: 'read' });
    const first = await listTokens(owner, '?limit=2');
    const firstPage = first.json() as { items: { name: string }[]; nextCursor: string | null };
    expect(firstPage.items.map((item) => item.name)).toEqual(['page c', 'page b']);
    expect(firstPage.nextCursor).not.toBeNull();
    const second = await listTokens(owner, `?limit=2&cursor=${firstPage.nextCursor}`);
    expect((second.json() as { items: { name: string }[] }).items[0]?.name).toBe('page a');
    expect((await listTokens(owner, '?cursor=garbage')).statusCode).toBe(400);
  });

  it('authenticates with Bearer, without CSRF, and records the last use at most once a minute', async () => {
    const { token, apiToken } = await createToken(owner, { name: 'full', scope: 'full' });
    const users = await ctx().app.inject({ method: 'GET', url: '/api/v1/users', ...bearer(token, '198.51.100.21') });
    expect(users.statusCode, users.body).toBe(200);
    const me = await ctx().app.inject({ method: 'GET', url: '/api/v1/me', ...bearer(token) });
    expect(me.json()).toMatchObject({ user: { id: owner.userId, role: 'owner' } });

    let row = await tokenRow(apiToken.id);
    expect(row.last_used_ip).toBe('198.51.100.21');
    const firstUse = row.last_used_at;
    expect(firstUse).not.toBeNull();

    // Within the minute: no write (the address of this call is not recorded).
    await ctx().app.inject({ method: 'GET', url: '/api/v1/users', ...bearer(token, '198.51.100.99') });
    row = await tokenRow(apiToken.id);
    expect(row.last_used_at).toBe(firstUse);
    expect(row.last_used_ip).toBe('198.51.100.21');

    ctx().clock.offsetMs += 2 * MINUTE;
    try {
      await ctx().app.inject({ method: 'GET', url: '/api/v1/users', ...bearer(token, '198.51.100.22') });
      row = await tokenRow(apiToken.id);
      expect(row.last_used_ip).toBe('198.51.100.22');
      expect(row.last_used_at).toBeGreaterThan(firstUse ?? 0);
      const listed = (await listTokens(owner)).json() as { items: CreatedToken['apiToken'][] };
      expect(listed.items.find((item) => item.id === apiToken.id)?.lastUsedIp).toBe('198.51.100.22');
    } finally {
      ctx().clock.offsetMs -= 2 * MINUTE;
    }
  });

  it('a full token does owner actions; the audit row names the token', async () => {
    const { token, apiToken } = await createToken(owner, { name: 'automation', scope: 'full' });
    const member = await createMember(ctx(), owner, 'Renamed Later');
    const { row, result } = await expectOneAuditRow(ctx(), orgId, 'user.changed', () =>
      ctx().app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${member.id}`,
        payload: { name: 'Renamed By Token' },
        ...bearer(token),
      }),
    );
    expect(result.statusCode, result.body).toBe(200);
    expect(row).toMatchObject({ actor_id: owner.userId, api_token_id: apiToken.id });
  });

  it('a read token reads, and every change answers 403 token-read-only and changes nothing', async () => {
    const { token } = await createToken(owner, { name: 'reader', scope: 'read' });
    const member = await createMember(ctx(), owner, 'Untouched');
    expect((await ctx().app.inject({ method: 'GET', url: '/api/v1/users', ...bearer(token) })).statusCode).toBe(200);
    expect((await ctx().app.inject({ method: 'HEAD', url: '/api/v1/users', ...bearer(token) })).statusCode).toBe(200);
    // Listing tokens is a read too (the secrets are never in it).
    expect((await ctx().app.inject({ method: 'GET', url: '/api/v1/api-tokens', ...bearer(token) })).statusCode).toBe(
      200,
    );
    await expectNoAuditRow(ctx(), orgId, async () => {
      for (const [method, url, payload] of [
        ['POST', '/api/v1/users', { email: 'reader-made@example.com', name: 'Nope' }],
        ['PATCH', `/api/v1/users/${member.id}`, { name: 'Changed' }],
        ['POST', `/api/v1/users/${member.id}/deactivate`, { reason: 'left_organization' }],
        ['DELETE', `/api/v1/users/${member.id}/sessions`, undefined],
      ] as const) {
        const response = await ctx().app.inject({ method, url, ...bearer(token), ...(payload ? { payload } : {}) });
        expect(response.statusCode, `${method} ${url}`).toBe(403);
        expect(response.json()).toMatchObject({ code: 'token-read-only' });
      }
    });
    const user = await ctx()
      .deps.database.db.selectFrom('users')
      .select(['name', 'status'])
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ name: 'Untouched', status: 'active' });
  });

  it('a token cannot manage tokens, sign out, end sessions, approve an app or change the account’s password or factors', async () => {
    const { token, apiToken } = await createToken(owner, { name: 'full, still limited', scope: 'full' });
    await expectNoAuditRow(ctx(), orgId, async () => {
      for (const [method, url, payload] of [
        ['POST', '/api/v1/api-tokens', { name: 'minted', scope: 'full' }],
        ['DELETE', `/api/v1/api-tokens/${apiToken.id}`, undefined],
        ['POST', '/api/v1/me/password', { currentPassword: 'x', newPassword: 'another fine long passphrase' }],
        ['POST', '/api/v1/me/mfa/totp', undefined],
        ['GET', '/api/v1/me/mfa', undefined],
        ['POST', '/api/v1/me/passkeys/registration', undefined],
        ['POST', '/api/v1/auth/logout', undefined],
        ['DELETE', '/api/v1/me/sessions', undefined],
        ['POST', '/api/v1/device-authorizations/BCDFGHJK/approve', undefined],
      ] as const) {
        const response = await ctx().app.inject({ method, url, ...bearer(token), ...(payload ? { payload } : {}) });
        expect(response.statusCode, `${method} ${url}`).toBe(403);
        expect(response.json()).toMatchObject({ code: 'session-required' });
      }
    });
    expect((await tokenRow(apiToken.id)).revoked_at).toBeNull();
  });

  it('a token cannot hand out or weaken a way into the console: no new owners, no factor resets', async () => {
    const { token } = await createToken(owner, { name: 'provisioning', scope: 'full' });
    const member = await createMember(ctx(), owner, 'Stays A Member');
    const me = (await ctx().app.inject({ url: '/api/v1/me', headers: as(owner) })).json().user.id;
    await expectNoAuditRow(ctx(), orgId, async () => {
      for (const [method, url, payload] of [
        ['POST', '/api/v1/users', { email: uniqueEmail('would-be-owner'), name: 'Would Be', role: 'owner' }],
        ['PATCH', `/api/v1/users/${member.id}`, { role: 'owner' }],
        ['DELETE', `/api/v1/users/${me}/mfa`, undefined],
        ['DELETE', `/api/v1/users/${member.id}/mfa`, undefined],
      ] as const) {
        const response = await ctx().app.inject({ method, url, ...bearer(token), ...(payload ? { payload } : {}) });
        expect(response.statusCode, `${method} ${url}`).toBe(403);
        expect(response.json()).toMatchObject({ code: 'session-required' });
      }
    });
    // Members it may still add: provisioning is what tokens are for.
    const added = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/users',
      ...bearer(token),
      payload: { email: uniqueEmail('provisioned'), name: 'Provisioned', role: 'member' },
    });
    expect(added.statusCode).toBe(201);
  });

  it('refuses unknown, revoked and expired tokens with one 401', async () => {
    const unknown = await ctx().app.inject({
      method: 'GET',
      url: '/api/v1/users',
      ...bearer('skt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
    });
    expect(unknown.statusCode).toBe(401);
    const body = unknown.json() as { code: string; detail: string };
    expect(body).toMatchObject({ code: 'api-token-invalid', detail: 'The API token is invalid, expired or revoked.' });

    const revoked = await createToken(owner, { name: 'to revoke', scope: 'full' });
    expect((await ctx().app.inject({ method: 'GET', url: '/api/v1/users', ...bearer(revoked.token) })).statusCode).toBe(
      200,
    );
    const { row: audit, result: revocation } = await expectOneAuditRow(ctx(), orgId, 'api_token.revoked', () =>
      ctx().app.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${revoked.apiToken.id}`, headers: as(owner) }),
    );
    expect(revocation.statusCode).toBe(204);
    expect(audit).toMatchObject({ target_id: revoked.apiToken.id, target_label: 'to revoke', actor_id: owner.userId });
    const afterRevoke = await ctx().app.inject({ method: 'GET', url: '/api/v1/users', ...bearer(revoked.token) });
    expect(afterRevoke.statusCode).toBe(401);
    expect(afterRevoke.body).toBe(unknown.body);

    // Revoking again: 204, nothing changes, no second audit row.
    const revokedAt = (await tokenRow(revoked.apiToken.id)).revoked_at;
    await expectNoAuditRow(ctx(), orgId, async () => {
      const again = await ctx().app.inject({
        method: 'DELETE',
        url: `/api/v1/api-tokens/${revoked.apiToken.id}`,
        headers: as(owner),
      });
      expect(again.statusCode).toBe(204);
    });
    expect((await tokenRow(revoked.apiToken.id)).revoked_at).toBe(revokedAt);

    const expiring = await createToken(owner, {
      name: 'short-lived',
      scope: 'read',
      expiresAt: new Date(ctx().deps.now() + DAY).toISOString(),
    });
    ctx().clock.offsetMs += DAY + MINUTE;
    try {
      const expired = await ctx().app.inject({ method: 'GET', url: '/api/v1/users', ...bearer(expiring.token) });
      expect(expired.statusCode).toBe(401);
      expect(expired.body).toBe(unknown.body);
      // A day on, the owner's session has gone idle: a new one, in the future.
      const later = await signIn(ctx().app, ownerEmail, ownerPassword, '203.0.113.47');
      const listed = (await listTokens(later)).json() as { items: CreatedToken['apiToken'][] };
      const statuses = Object.fromEntries(listed.items.map((item) => [item.id, item.status]));
      expect(statuses[expiring.apiToken.id]).toBe('expired');
      expect(statuses[revoked.apiToken.id]).toBe('revoked');
    } finally {
      ctx().clock.offsetMs -= DAY + MINUTE;
    }
  });

  it('acts as its creator now: demoted → no owner routes, deactivated → 401 and revoked for good', async () => {
    const second = await createMember(ctx(), owner, 'Second Owner');
    const promote = await ctx().app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${second.id}`,
      headers: as(owner),
      payload: { role: 'owner' },
    });
    expect(promote.statusCode, promote.body).toBe(200);
    const secondSession = await signIn(ctx().app, second.email, MEMBER_PASSWORD, '203.0.113.44');
    const { token } = await createToken(secondSession, { name: 'second owner’s', scope: 'full' });
    expect((await ctx().app.inject({ method: 'GET', url: '/api/v1/users', ...bearer(token) })).statusCode).toBe(200);

    await ctx().app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${second.id}`,
      headers: as(owner),
      payload: { role: 'member' },
    });
    const demoted = await ctx().app.inject({ method: 'GET', url: '/api/v1/users', ...bearer(token) });
    expect(demoted.statusCode).toBe(403);
    expect(demoted.json()).toMatchObject({ code: 'forbidden' });
    const me = await ctx().app.inject({ method: 'GET', url: '/api/v1/me', ...bearer(token) });
    expect(me.json()).toMatchObject({ user: { id: second.id, role: 'member' } });

    const deactivation = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/users/${second.id}/deactivate`,
      headers: as(owner),
      payload: { reason: 'left_organization' },
    });
    expect(deactivation.statusCode, deactivation.body).toBe(200);
    const refused = await ctx().app.inject({ method: 'GET', url: '/api/v1/me', ...bearer(token) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'api-token-invalid' });

    // Deactivation revoked it for good: reactivating the person does not bring a token back.
    const reactivation = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/users/${second.id}/reactivate`,
      headers: as(owner),
    });
    expect(reactivation.statusCode, reactivation.body).toBe(200);
    expect((await ctx().app.inject({ method: 'GET', url: '/api/v1/me', ...bearer(token) })).statusCode).toBe(401);
    const listed = (await listTokens(owner))
      .json()
      .items.find((item: { name: string }) => item.name === 'second owner’s');
    expect(listed.status).toBe('revoked');
  });

  it('members cannot manage tokens; another organization’s token is not found', async () => {
    const member = await createMember(ctx(), owner, 'Plain Member');
    const memberSession = await signIn(ctx().app, member.email, MEMBER_PASSWORD, '203.0.113.45');
    expect((await listTokens(memberSession)).statusCode).toBe(403);
    const create = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: as(memberSession),
      payload: { name: 'mine', scope: 'read' },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json()).toMatchObject({ code: 'forbidden' });

    const other = await createOrgWithOwner(ctx(), 'Elsewhere');
    const otherOwner = await signIn(ctx().app, other.email, other.password, '203.0.113.46');
    const theirs = await createToken(otherOwner, { name: 'theirs', scope: 'full' });
    await expectNoAuditRow(ctx(), other.orgId, async () => {
      const response = await ctx().app.inject({
        method: 'DELETE',
        url: `/api/v1/api-tokens/${theirs.apiToken.id}`,
        headers: as(owner),
      });
      expect(response.statusCode).toBe(404);
    });
    expect((await tokenRow(theirs.apiToken.id)).revoked_at).toBeNull();
    const ours = (await listTokens(owner)).json() as { items: { id: string }[] };
    expect(ours.items.map((item) => item.id)).not.toContain(theirs.apiToken.id);
    // Their token sees their organization only.
    const users = await ctx().app.inject({ method: 'GET', url: '/api/v1/users', ...bearer(theirs.token) });
    expect(users.body).not.toContain(owner.userId);
  });

  it('refuses bad input with 400 and stores nothing', async () => {
    const now = ctx().deps.now();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'nul \u0000 name', scope: 'read' }, 'invalid-request'],
      [{ name: 'tab\tname', scope: 'read' }, 'invalid-request'],
      [{ name: '   ', scope: 'read' }, 'invalid-request'],
      [{ name: 'x'.repeat(101), scope: 'read' }, 'invalid-request'],
      [{ name: 'scope', scope: 'admin' }, 'invalid-request'],
      [{ name: 'extra', scope: 'read', owner: 'me' }, 'invalid-request'],
      [{ name: 'huge', scope: 'read', expiresAt: '+275760-09-13T00:00:00Z' }, 'invalid-request'],
      [{ name: 'year', scope: 'read', expiresAt: '99999-01-01T00:00:00Z' }, 'invalid-request'],
      [{ name: 'feb', scope: 'read', expiresAt: '2030-02-30T00:00:00Z' }, 'invalid-request'],
      [{ name: 'number', scope: 'read', expiresAt: 1e308 }, 'invalid-request'],
      [{ name: 'past', scope: 'read', expiresAt: new Date(now - MINUTE).toISOString() }, 'invalid-expiry'],
      [{ name: 'far', scope: 'read', expiresAt: new Date(now + 731 * DAY).toISOString() }, 'invalid-expiry'],
    ];
    const before = await ctx()
      .deps.database.db.selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    await expectNoAuditRow(ctx(), orgId, async () => {
      for (const [payload, code] of cases) {
        const response = await ctx().app.inject({
          method: 'POST',
          url: '/api/v1/api-tokens',
          headers: as(owner),
          payload,
        });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect(response.json(), JSON.stringify(payload)).toMatchObject({ code });
      }
      const badId = await ctx().app.inject({
        method: 'DELETE',
        url: `/api/v1/api-tokens/${'9'.repeat(64)}`,
        headers: as(owner),
      });
      expect(badId.statusCode).toBe(404);
    });
    const after = await ctx()
      .deps.database.db.selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(after.count)).toBe(Number(before.count));
  });

  it('ignores a Bearer header that is not an API token (the cookie decides) and never 500s on odd ones', async () => {
    const withCookie = await ctx().app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { ...as(owner), authorization: 'Bearer garbage' },
    });
    expect(withCookie.statusCode).toBe(200);
    for (const value of ['Bearer skt_', `Bearer skt_${'a'.repeat(500)}`, 'Bearer skt_\u00ff\u00fe', 'bearer  skt_x ']) {
      const response = await ctx().app.inject({
        method: 'GET',
        url: '/api/v1/users',
        headers: { authorization: value },
      });
      expect(response.statusCode, value).toBe(401);
    }
  });
});
