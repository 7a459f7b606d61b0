import { expect, it } from 'vitest';
import { describeEachDatabase } from '../helpers/test-app.ts';

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
