import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/http/app.ts';
import type { App } from '../../src/server/http/app-types.ts';
import { createTestContext } from '../helpers/test-app.ts';

// A console build in a scratch folder: a page and a script the size of a real chunk.
const SCRIPT = Array.from({ length: 2_000 }, (_, i) => `export const value${i} = 'the console, line ${i}';`).join('\n');

describe('the console is served compressed, the API is not', () => {
  let app: App;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const created = await createTestContext('sqlite');
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Seatkeeper</title><div id="root"></div>');
    fs.writeFileSync(path.join(webDir, 'assets', 'index-abc123.js'), SCRIPT);
    app = await buildApp(created.context.deps, { webDistDir: webDir });
    await app.ready();
    close = async () => {
      await app.close();
      await created.cleanup();
      fs.rmSync(webDir, { recursive: true, force: true });
    };
  });
  afterAll(async () => close());

  it('sends a script in brotli to a browser that accepts it, a fraction of its size', async () => {
    const response = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.rawPayload.length).toBeLessThan(SCRIPT.length / 5);
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(SCRIPT);
  });

  it('falls back to gzip, and to the plain file for a client that asks for neither', async () => {
    const gzip = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(SCRIPT);
    const plain = await app.inject({ url: '/assets/index-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('never compresses the API’s JSON (no secret beside reflected input in a compressed answer)', async () => {
    const response = await app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip, br' } });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.length).toBeGreaterThan(1024);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(response.body)).toHaveProperty('openapi');
  });
});
