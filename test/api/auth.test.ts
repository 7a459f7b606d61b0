import { expect, it } from 'vitest';
import { as, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase } from '../helpers/test-app.ts';

describeEachDatabase('sign-in and sessions', (ctx) => {
  it('signs in with the right password and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const org = await createOrgWithOwner(ctx());
    const response = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: org.email.toUpperCase(), password: org.password },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ id: org.ownerId, role: 'owner', orgId: org.orgId });
    expect(body.csrfToken).toEqual(expect.any(String));
    const cookie = response.cookies.find((entry) => entry.name === 'sk_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
  });

  it('answers 401 with the same body for a wrong password and an unknown email', async () => {
    const org = await createOrgWithOwner(ctx());
    const wrong = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: org.email, password: 'not the password' },
      remoteAddress: '198.51.100.1',
    });
    const unknown = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody-here@example.com', password: 'not the password' },
      remoteAddress: '198.51.100.2',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body).toBe(wrong.body);
  });

  it('records failed attempts, also for unknown emails (without an organization)', async () => {
    const org = await createOrgWithOwner(ctx());
    await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: org.email, password: 'wrong password 1' },
      remoteAddress: '198.51.100.3',
    });
    await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ghost-user@example.com', password: 'wrong password 1' },
      remoteAddress: '198.51.100.3',
    });
    const rows = await ctx()
      .deps.database.db.selectFrom('sign_in_attempts')
      .select(['org_id', 'user_id', 'email', 'outcome', 'failure_reason'])
      .where('ip', '=', '198.51.100.3')
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      {
        org_id: org.orgId,
        user_id: org.ownerId,
        email: org.email,
        outcome: 'failure',
        failure_reason: 'invalid_password',
      },
      {
        org_id: null,
        user_id: null,
        email: 'ghost-user@example.com',
        outcome: 'failure',
        failure_reason: 'unknown_account',
      },
    ]);
  });

  it('gives a new session at every sign-in and invalidates it server-side at logout', async () => {
    const org = await createOrgWithOwner(ctx());
    const first = await signIn(ctx().app, org.email, org.password);
    const second = await signIn(ctx().app, org.email, org.password);
    expect(second.cookie).not.toBe(first.cookie);

    const logout = await ctx().app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: as(first) });
    expect(logout.statusCode).toBe(204);
    const afterLogout = await ctx().app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: first.cookie } });
    expect(afterLogout.statusCode).toBe(401);
    const other = await ctx().app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: second.cookie } });
    expect(other.statusCode).toBe(200);
    expect(other.json()).toMatchObject({ user: { email: org.email }, organization: { id: org.orgId, name: 'Acme' } });
  });

  it('refuses a state change without the CSRF token and changes nothing', async () => {
    const org = await createOrgWithOwner(ctx());
    const session = await signIn(ctx().app, org.email, org.password);
    const response = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: session.cookie },
      payload: { email: 'csrf-victim@example.com', name: 'Victim' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('csrf-token-invalid');
    const wrongToken = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: session.cookie, 'x-csrf-token': 'guess' },
      payload: { email: 'csrf-victim@example.com', name: 'Victim' },
    });
    expect(wrongToken.statusCode).toBe(403);
    const list = await ctx().app.inject({
      method: 'GET',
      url: '/api/v1/users?query=csrf-victim',
      headers: as(session),
    });
    expect(list.json().items).toEqual([]);
  });

  it('ends the session after the idle timeout', async () => {
    const org = await createOrgWithOwner(ctx());
    const session = await signIn(ctx().app, org.email, org.password);
    ctx().clock.offsetMs = 13 * 60 * 60 * 1000;
    try {
      const response = await ctx().app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: session.cookie },
      });
      expect(response.statusCode).toBe(401);
    } finally {
      ctx().clock.offsetMs = 0;
    }
  });

  it('changes the own password: the old one stops working, other sessions end', async () => {
    const org = await createOrgWithOwner(ctx());
    const here = await signIn(ctx().app, org.email, org.password);
    const elsewhere = await signIn(ctx().app, org.email, org.password);
    const weak = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: as(here),
      payload: { currentPassword: org.password, newPassword: 'password1' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'weak-password' });
    const wrongCurrent = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: as(here),
      payload: { currentPassword: 'not it at all', newPassword: 'a much better passphrase' },
    });
    expect(wrongCurrent.json()).toMatchObject({ status: 400, code: 'wrong-password' });
    const changed = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: as(here),
      payload: { currentPassword: org.password, newPassword: 'a much better passphrase' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ endedSessions: 1, otherSessions: 0 });
    expect((await ctx().app.inject({ url: '/api/v1/me', headers: { cookie: here.cookie } })).statusCode).toBe(200);
    expect((await ctx().app.inject({ url: '/api/v1/me', headers: { cookie: elsewhere.cookie } })).statusCode).toBe(401);
    await expect(signIn(ctx().app, org.email, org.password)).rejects.toThrow(/401/);
    await signIn(ctx().app, org.email, 'a much better passphrase');
  });
});

describeEachDatabase(
  'sign-in throttling',
  (ctx) => {
    it('answers 429 with Retry-After after too many failures on one account, and records them', async () => {
      const org = await createOrgWithOwner(ctx());
      const attempt = (password: string) =>
        ctx().app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: org.email, password },
          remoteAddress: '192.0.2.77',
        });
      for (let index = 0; index < 3; index++) expect((await attempt('wrong guess!')).statusCode).toBe(401);
      const throttled = await attempt(org.password);
      expect(throttled.statusCode).toBe(429);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      expect(throttled.json()).toMatchObject({ code: 'too-many-attempts' });
      const reasons = await ctx()
        .deps.database.db.selectFrom('sign_in_attempts')
        .select('failure_reason')
        .where('user_id', '=', org.ownerId)
        .orderBy('id')
        .execute();
      expect(reasons.map((row) => row.failure_reason)).toEqual([
        'invalid_password',
        'invalid_password',
        'invalid_password',
        'throttled',
      ]);
    });

    it('throttles one address failing across many accounts', async () => {
      for (let index = 0; index < 6; index++) {
        await ctx().app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: `spray-${index}@example.com`, password: 'Summer2026!' },
          remoteAddress: '192.0.2.99',
        });
      }
      const response = await ctx().app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'spray-next@example.com', password: 'Summer2026!' },
        remoteAddress: '192.0.2.99',
      });
      expect(response.statusCode).toBe(429);
    });
  },
  { throttle: { accountFailures: 3, ipFailures: 6, windowSeconds: 900 } },
);
