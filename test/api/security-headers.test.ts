import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/http/app.ts';
import type { App } from '../../src/server/http/app-types.ts';
import { createTestContext } from '../helpers/test-app.ts';

/** The CSP's directives by name. */
function directives(header: unknown): Map<string, string[]> {
  expect(typeof header).toBe('string');
  return new Map(
    String(header)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name ?? '', values]),
  );
}

/** The console, the docs page and the API, served by one app over a built console in a scratch folder. */
async function appWith(publicUrl: string | undefined) {
  const created = await createTestContext('sqlite', publicUrl ? { config: { PUBLIC_URL: publicUrl } } : {});
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-web-'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Seatkeeper</title><div id="root"></div>');
  const app = await buildApp(created.context.deps, { webDistDir: webDir });
  await app.ready();
  return {
    app,
    close: async () => {
      await app.close();
      await created.cleanup();
      fs.rmSync(webDir, { recursive: true, force: true });
    },
  };
}

const PAGES = [
  { name: 'an API answer', url: '/api/v1/me', status: 401 },
  { name: 'an API problem for an unknown route', url: '/api/v1/nope', status: 404 },
  { name: 'the console', url: '/', status: 200 },
  { name: 'a console deep link', url: '/users/42/activity', status: 200 },
  { name: 'the API docs page', url: '/api/docs', status: 200 },
  { name: 'the OpenAPI document', url: '/api/openapi.json', status: 200 },
  { name: 'a problem raised before routing (bad percent-encoding)', url: '/api/v1/users/%E0%A4%A', status: 400 },
];

describe('security headers (PUBLIC_URL https)', () => {
  let app: App;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, close } = await appWith('https://seats.example.com'));
  });
  afterAll(async () => close());

  for (const page of PAGES) {
    it(`on ${page.name}: a strict CSP that forbids framing, nosniff, no referrer, HSTS`, async () => {
      const response = await app.inject({ url: page.url });
      expect(response.statusCode).toBe(page.status);
      const csp = directives(response.headers['content-security-policy']);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.has('upgrade-insecure-requests')).toBe(true);
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['strict-transport-security']).toMatch(/^max-age=31536000\b/);
    });
  }

  it('the docs page and its script are the files the CSP allows (same origin, no inline code)', async () => {
    const html = (await app.inject({ url: '/api/docs' })).body;
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const initializer = await app.inject({ url: '/api/docs/static/swagger-initializer.js' });
    expect(initializer.statusCode).toBe(200);
    expect(directives(initializer.headers['content-security-policy']).get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('security headers (PUBLIC_URL http)', () => {
  let app: App;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, close } = await appWith(undefined));
  });
  afterAll(async () => close());

  it('no HSTS and no upgrade-insecure-requests over plain HTTP; the rest stays', async () => {
    for (const page of PAGES) {
      const response = await app.inject({ url: page.url });
      expect(response.headers['strict-transport-security'], page.name).toBeUndefined();
      const csp = directives(response.headers['content-security-policy']);
      expect(csp.has('upgrade-insecure-requests'), page.name).toBe(false);
      expect(csp.get('frame-ancestors'), page.name).toEqual(["'none'"]);
      expect(response.headers['x-content-type-options'], page.name).toBe('nosniff');
    }
  });
});
