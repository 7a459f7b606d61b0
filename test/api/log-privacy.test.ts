import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { issuePasswordLink } from '../../src/server/features/operator/recover-owner.ts';
import { buildApp, loggerOptions } from '../../src/server/http/app.ts';
import type { App } from '../../src/server/http/app-types.ts';
import { as, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, uniqueEmail } from '../helpers/test-app.ts';

const NEW_PASSWORD = 'lanterns over the harbour';
const INVITEE_PASSWORD = 'copper kettles sing at dawn';
const WRONG_PASSWORD = 'definitely-not-the-password-42';

/**
 * The server's request log (the production logger options, level info) never holds a password,
 * a token (Bearer API tokens, session cookies, invitation and reset tokens in paths) or a whole
 * cookie: each flow below runs against an app whose log lines are captured, then every secret the
 * flows used is searched for in them.
 */
describeEachDatabase('request logs hold no secrets', (ctx) => {
  const lines: string[] = [];
  let app: App;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await buildApp(ctx().deps, {
      webDistDir: false,
      // The production options (what start.ts passes), writing to the sink instead of stdout.
      logger: { ...(loggerOptions('info') as object), stream: sink },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sign-in, API token, invitation acceptance and password reset leave no secret in the log', async () => {
    const secrets: string[] = [];
    const org = await createOrgWithOwner(ctx(), 'Logged');
    secrets.push(org.password, WRONG_PASSWORD);

    // A failed and a successful sign-in (password in the body).
    const failed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: org.email, password: WRONG_PASSWORD },
      remoteAddress: '192.0.2.31',
    });
    expect(failed.statusCode).toBe(401);
    const owner = await signIn(app, org.email, org.password, '192.0.2.31');
    secrets.push(owner.cookie.split('=')[1] ?? '', owner.csrfToken, owner.deviceCookie.split('=')[1] ?? '');
    expect(
      (
        await app.inject({
          url: '/api/v1/me',
          headers: { ...as(owner), cookie: `${owner.cookie}; ${owner.deviceCookie}` },
        })
      ).statusCode,
    ).toBe(200);

    // An API token, made and then used as a Bearer token.
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: as(owner),
      payload: { name: 'log test', scope: 'read' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const token = (created.json() as { token: string }).token;
    secrets.push(token);
    const used = await app.inject({ url: '/api/v1/users?limit=1', headers: { authorization: `Bearer ${token}` } });
    expect(used.statusCode).toBe(200);
    // A wrong one too: refused, and not written down either.
    await app.inject({ url: '/api/v1/users', headers: { authorization: `Bearer ${token}x` } });

    // An invitation: the token in the path, the first password in the body.
    const invited = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as(owner),
      payload: { email: uniqueEmail('invitee'), name: 'Invitee' },
    });
    expect(invited.statusCode).toBe(201);
    const invitationToken = (invited.json() as { invitation: { token: string } }).invitation.token;
    secrets.push(invitationToken, INVITEE_PASSWORD);
    expect((await app.inject({ url: `/api/v1/invitations/${invitationToken}` })).statusCode).toBe(200);
    const accepted = await app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${invitationToken}/accept`,
      payload: { password: INVITEE_PASSWORD },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const inviteeCookie = accepted.cookies.find((cookie) => cookie.name === 'sk_session')?.value;
    if (inviteeCookie) secrets.push(inviteeCookie);

    // A password reset: the token in the path, the new password in the body.
    const link = await issuePasswordLink(
      ctx().deps.database.db,
      ctx().deps.config.publicUrl,
      org.email,
      ctx().deps.now(),
    );
    const resetToken = link.link.url.split('/').at(-1) ?? '';
    expect(resetToken.length).toBeGreaterThan(20);
    secrets.push(resetToken, NEW_PASSWORD);
    expect((await app.inject({ url: `/api/v1/auth/password-reset/${resetToken}` })).statusCode).toBe(200);
    const reset = await app.inject({
      method: 'POST',
      url: `/api/v1/auth/password-reset/${resetToken}`,
      payload: { password: NEW_PASSWORD },
    });
    expect(reset.statusCode, reset.body).toBe(204);
    // A secret in a query string is masked as well.
    await app.inject({ url: `/api/v1/me?token=${resetToken}` });

    const log = lines.join('');
    // The log did record these requests (else the search below proves nothing).
    expect(log).toContain('/api/v1/auth/login');
    expect(log).toContain('/api/v1/invitations/[token]/accept');
    expect(log).toContain('/api/v1/auth/password-reset/[token]');
    for (const secret of secrets.filter((value) => value.length >= 8)) {
      expect(log.includes(secret), `the log holds a secret (${secret.slice(0, 4)}…)`).toBe(false);
    }
    expect(log).not.toMatch(/sk_session=|sk_device=|authorization|bearer /i);
  });
});
