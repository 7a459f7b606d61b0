import { expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../../src/server/http/app.ts';
import { createOrgWithOwner, describeEachDatabase } from '../helpers/test-app.ts';

describeEachDatabase('request ids', (ctx) => {
  it('answers every request with an X-Request-Id, keeping a sane one the caller sent', async () => {
    const { app } = ctx();
    const generated = await app.inject({ url: '/healthz' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const other = await app.inject({ url: '/healthz' });
    expect(other.headers['x-request-id']).not.toBe(generated.headers['x-request-id']);

    const kept = await app.inject({ url: '/api/v1/me', headers: { 'x-request-id': 'lb-7f3a.91:req_2' } });
    expect(kept.statusCode).toBe(401);
    expect(kept.headers['x-request-id']).toBe('lb-7f3a.91:req_2');

    for (const insane of ['two words', 'a'.repeat(65), '"quoted"', 'line\tbreak']) {
      const replaced = await app.inject({ url: '/healthz', headers: { 'x-request-id': insane } });
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    // Errors before routing carry it too.
    const badUrl = await app.inject({ url: '/api/v1/users/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.headers['x-request-id']).toBeTruthy();
  });

  it('writes the id into every log line of the request, and into a 5xx problem to quote', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = { write: (line: string) => lines.push(JSON.parse(line)) };
    const app = await buildApp(ctx().deps, {
      webDistDir: false,
      logger: { ...(loggerOptions('info') as object), stream },
    });
    // A route that fails the way a bug would, to see what the user and the operator get.
    app.get('/test/broken', { schema: { hide: true } }, async () => {
      throw new Error('a bug with a secret inside');
    });
    try {
      const org = await createOrgWithOwner(ctx());
      const signIn = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-request-id': 'sign-in-0001' },
        payload: { email: org.email, password: org.password },
      });
      expect(signIn.statusCode).toBe(200);
      const ofSignIn = lines.filter((line) => line.requestId === 'sign-in-0001');
      expect(ofSignIn.map((line) => line.msg)).toEqual(['incoming request', 'request completed']);

      const broken = await app.inject({ url: '/test/broken' });
      expect(broken.statusCode).toBe(500);
      const problem = broken.json();
      expect(problem.code).toBe('internal');
      expect(problem.requestId).toBe(broken.headers['x-request-id']);
      expect(broken.body).not.toContain('secret');
      const logged = lines.filter((line) => line.requestId === problem.requestId);
      expect(logged.map((line) => line.msg)).toEqual(['incoming request', 'request failed', 'request completed']);

      // 4xx answers are the caller's to fix: no id in the body, only in the header.
      const notFound = await app.inject({ url: '/api/v1/nothing-here' });
      expect(notFound.statusCode).toBe(404);
      expect(notFound.json().requestId).toBeUndefined();
      // Every line written during a request carries an id.
      const requestLines = lines.filter((line) => line.req !== undefined || line.res !== undefined);
      expect(requestLines.length).toBeGreaterThan(0);
      for (const line of requestLines) expect(line.requestId, JSON.stringify(line)).toBeTruthy();
    } finally {
      await app.close();
    }
  });
});
