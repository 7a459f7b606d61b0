import { expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../../src/server/http/app.ts';
import { as, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase } from '../helpers/test-app.ts';

describeEachDatabase('health and API description', (ctx) => {
  it('answers /healthz and /readyz', async () => {
    expect((await ctx().app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await ctx().app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });

  it('serves an OpenAPI 3.1 document describing every route, and a docs page', async () => {
    const document = (await ctx().app.inject({ url: '/api/openapi.json' })).json();
    expect(document.openapi).toBe('3.1.0');
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/me',
      '/api/v1/users',
      '/api/v1/users/{id}',
      '/api/v1/users/{id}/deactivate',
      '/api/v1/users/{id}/activity',
      '/api/v1/me/activity',
      '/api/v1/invitations/{token}/accept',
    ]) {
      expect(document.paths[path], path).toBeDefined();
    }
    expect(document.paths['/api/v1/users'].post.responses['409']).toBeDefined();
    const docs = await ctx().app.inject({ url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });
});

describeEachDatabase('request logs', (ctx) => {
  it('never contain passwords, session cookies, CSRF or invitation tokens', async () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => lines.push(line) };
    const app = await buildApp(ctx().deps, {
      webDistDir: false,
      logger: { ...(loggerOptions('info') as object), stream },
    });
    try {
      const org = await createOrgWithOwner(ctx());
      const session = await signIn(app, org.email, org.password);
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: as(session),
        payload: { email: 'logged@example.com', name: 'Logged' },
      });
      const token = created.json().invitation.token;
      await app.inject({ url: `/api/v1/invitations/${token}` });
      const log = lines.join('\n');
      expect(log).toContain('/api/v1/auth/login');
      expect(log).toContain('/api/v1/invitations/[token]');
      for (const secret of [org.password, session.cookie.split('=')[1] ?? '', session.csrfToken, token]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await app.close();
    }
  });

  it('mask tokens in every token-bearing path and query parameter, console pages included', async () => {
    const lines: string[] = [];
    const stream = { write: (line: string) => lines.push(line) };
    const app = await buildApp(ctx().deps, {
      webDistDir: false,
      logger: { ...(loggerOptions('info') as object), stream },
    });
    try {
      const org = await createOrgWithOwner(ctx());
      const session = await signIn(app, org.email, org.password);
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: as(session),
        payload: { email: `masked-${Date.now()}@example.com`, name: 'Masked' },
      });
      const token = created.json().invitation.token as string;
      const secrets = [token, 'Sup3rSecretResetToken', 'QueryTokenValue42', 'OtherSecretValue7'];
      for (const url of [
        `/invite/${token}`,
        `/invite/${token}?from=mail`,
        `/api/v1/invitations/${token}/accept`,
        `/%69nvite/${token}`,
        '/auth/password-reset/Sup3rSecretResetToken',
        '/api/v1/auth/password-reset/Sup3rSecretResetToken',
        '/reset-password?token=QueryTokenValue42&lang=en',
        '/login?next=%2Foverview&reset_token=QueryTokenValue42',
        '/verify?code=OtherSecretValue7',
      ]) {
        await app.inject({
          method: url.includes('/accept') ? 'POST' : 'GET',
          url,
          payload: url.includes('/accept') ? {} : undefined,
        });
      }
      const log = lines.join('\n');
      expect(log).toContain('/invite/[token]?from=mail');
      expect(log).toContain('/api/v1/invitations/[token]/accept');
      expect(log).toContain('/auth/password-reset/[token]');
      expect(log).toContain('token=[redacted]&lang=en');
      expect(log).toContain('next=%2Foverview&reset_token=[redacted]');
      for (const secret of secrets) expect(log).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
