import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';
import { buildApp } from '../../src/server/http/app.ts';
import type { App } from '../../src/server/http/app-types.ts';
import { describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

/**
 * A real listening server over the test database with lowered limits, and a route whose requests
 * stay in flight until the test opens the gate: the "slow requests" of a flood, without timing.
 */
async function serverWith(context: TestContext, overload: Partial<TestContext['deps']['config']['overload']>) {
  const config = { ...context.deps.config, overload: { ...context.deps.config.overload, ...overload } };
  const app = await buildApp({ ...context.deps, config }, { webDistDir: false });
  apps.push(app);
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  app.get('/test/slow', { schema: { hide: true } }, async () => {
    await gate;
    return { done: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { app, url, open };
}

const inFlight = async (url: string) => {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^seatkeeper_http_requests_in_flight (\d+)$/m.exec(text)?.[1]);
};

describeEachDatabase('overload', (ctx) => {
  it('answers a flood past the in-flight cap with 503 problems and Retry-After, then recovers', async () => {
    const { url, open } = await serverWith(ctx(), { maxInFlight: 20 });
    const heapBefore = process.memoryUsage().heapUsed;
    const flood = Array.from({ length: 300 }, () => fetch(`${url}/test/slow`));
    // 20 are held at the gate; the other 280 are answered at once, without waiting for them.
    const settled: Response[] = [];
    for (const request of flood) request.then((response) => settled.push(response));
    await vi.waitFor(() => expect(settled.length).toBe(280), { timeout: 30_000, interval: 50 });
    for (const response of settled) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as { code: string; requestId: string };
      expect(problem.code).toBe('overloaded');
      expect(problem.requestId).toBe(response.headers.get('x-request-id'));
    }
    // Liveness and metrics answer through the overload; other routes are shed.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await inFlight(url)).toBe(20);
    expect((await fetch(`${url}/readyz`)).status).toBe(503);

    open();
    const held = await Promise.all(flood);
    expect(held.filter((response) => response.status === 200)).toHaveLength(20);
    await Promise.all(held.filter((response) => !response.bodyUsed).map((response) => response.arrayBuffer()));
    // Nothing left queued; the server answers again.
    await vi.waitFor(async () => expect(await inFlight(url)).toBe(0), { timeout: 10_000, interval: 50 });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^seatkeeper_http_requests_shed_total\{reason="in-flight"\} 28\d$/m);
    // Bounded: 300 requests of a flood do not leave the heap tens of megabytes larger.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('sheds past a memory threshold, keeps /healthz answering, and says which limit', async () => {
    // 1 MB of heap: always exceeded once the first sample (each second) is taken.
    const { url } = await serverWith(ctx(), { maxHeapMb: 1 });
    await vi.waitFor(async () => expect((await fetch(`${url}/readyz`)).status).toBe(503), {
      timeout: 10_000,
      interval: 100,
    });
    const shed = await fetch(`${url}/api/v1/me`);
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('5');
    const problem = (await shed.json()) as { code: string; detail: string };
    expect(problem.code).toBe('overloaded');
    expect(problem.detail).toContain('heap');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${url}/metrics`)).text()).toMatch(
      /^seatkeeper_http_requests_shed_total\{reason="heap"\} \d+$/m,
    );
  });
});

describe('overload settings', () => {
  it('have defaults, take 0 to turn a limit off, and stop the start on a bad value naming it', () => {
    expect(loadConfig({}).overload).toEqual({
      maxEventLoopDelayMs: 1000,
      maxHeapMb: undefined,
      maxRssMb: 0,
      maxInFlight: 1000,
    });
    expect(loadConfig({ OVERLOAD_MAX_IN_FLIGHT: '0', OVERLOAD_MAX_HEAP_MB: '0' }).overload).toMatchObject({
      maxInFlight: 0,
      maxHeapMb: 0,
    });
    for (const variable of [
      'OVERLOAD_MAX_IN_FLIGHT',
      'OVERLOAD_MAX_HEAP_MB',
      'OVERLOAD_MAX_RSS_MB',
      'OVERLOAD_MAX_EVENT_LOOP_DELAY_MS',
    ]) {
      for (const value of ['-1', 'lots', '1.5']) {
        expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
        expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}: `));
      }
    }
  });
});
