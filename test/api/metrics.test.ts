import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';
import { buildApp } from '../../src/server/http/app.ts';
import type { App } from '../../src/server/http/app-types.ts';
import { assignSeat, createSubscription, DEVICE } from '../helpers/licenses.ts';
import { attemptSignIn, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

/** The value of one sample in Prometheus' text format (0 when the series is absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return 0;
}

async function scrape(app: App, options: { remoteAddress?: string; headers?: Record<string, string> } = {}) {
  return app.inject({ url: '/metrics', remoteAddress: options.remoteAddress ?? '127.0.0.1', headers: options.headers });
}

/** An app over the same database with other settings. */
async function appWith(context: TestContext, config: Partial<TestContext['deps']['config']>) {
  const app = await buildApp({ ...context.deps, config: { ...context.deps.config, ...config } }, { webDistDir: false });
  await app.ready();
  return app;
}

describeEachDatabase('Prometheus metrics at /metrics', (ctx) => {
  it('shows the process: event-loop delay, memory and GC', async () => {
    const response = await scrape(ctx().app);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    for (const name of [
      'nodejs_eventloop_lag_seconds',
      'nodejs_eventloop_lag_p99_seconds',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_gc_duration_seconds',
    ]) {
      expect(response.body, name).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
    }
  });

  it('counts requests by route pattern, method and status, never by raw URL', async () => {
    const app = await appWith(ctx(), {});
    try {
      const org = await createOrgWithOwner(ctx());
      const session = await signIn(app, org.email, org.password);
      for (const id of [randomUUID(), randomUUID(), randomUUID()]) {
        const response = await app.inject({ url: `/api/v1/users/${id}`, headers: { cookie: session.cookie } });
        expect(response.statusCode).toBe(404);
      }
      await app.inject({ url: '/no/such/page/at/all' });
      const text = (await scrape(app)).body;
      expect(
        sample(text, 'seatkeeper_http_requests_total', { route: '/api/v1/users/:id', method: 'GET', status: '404' }),
      ).toBe(3);
      expect(
        sample(text, 'seatkeeper_http_requests_total', { route: '/api/v1/auth/login', method: 'POST', status: '200' }),
      ).toBe(1);
      expect(sample(text, 'seatkeeper_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
      expect(sample(text, 'seatkeeper_http_request_duration_seconds_count', { route: '/api/v1/users/:id' })).toBe(3);
      expect(text).not.toContain('/no/such/page');
    } finally {
      await app.close();
    }
  });

  it('counts sign-ins by client, outcome and reason, and heartbeat batches with their commit times', async () => {
    const { app } = ctx();
    const before = (await scrape(app)).body;
    const org = await createOrgWithOwner(ctx());
    expect((await attemptSignIn(app, org.email, 'not the password')).statusCode).toBe(401);
    expect((await attemptSignIn(app, org.email, org.password)).statusCode).toBe(200);
    const owner = await signIn(app, org.email, org.password);
    const { productKey, subscriptionId } = await createSubscription(ctx(), org.orgId, { seats: 1 });
    expect((await assignSeat(ctx(), owner, subscriptionId, org.ownerId)).statusCode).toBeLessThan(300);
    const started = await app.inject({
      method: 'POST',
      url: '/api/v1/app/sessions',
      remoteAddress: '81.2.69.142',
      payload: { email: org.email, password: org.password, app: { key: productKey, version: '1.0' }, device: DEVICE },
    });
    expect(started.statusCode).toBe(201);
    const token = started.json().sessionToken as string;
    const beats = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/app/sessions/current/heartbeat',
          headers: { authorization: `Bearer ${token}` },
        }),
      ),
    );
    expect(beats.map((beat) => beat.statusCode)).toEqual([204, 204, 204, 204, 204]);
    const after = (await scrape(app)).body;
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(
      delta('seatkeeper_sign_ins_total', { client: 'console', outcome: 'failure', reason: 'invalid_password' }),
    ).toBe(1);
    // The successful console sign-ins: the attempt above and the owner's session for the seat.
    expect(delta('seatkeeper_sign_ins_total', { client: 'console', outcome: 'success', reason: 'none' })).toBe(2);
    expect(delta('seatkeeper_sign_ins_total', { client: 'app', outcome: 'success', reason: 'none' })).toBe(1);
    // Five heartbeats, in one or more group commits.
    expect(delta('seatkeeper_heartbeat_batch_size_sum')).toBe(5);
    const batches = delta('seatkeeper_heartbeat_batch_commit_seconds_count');
    expect(batches).toBeGreaterThanOrEqual(1);
    expect(batches).toBeLessThanOrEqual(5);
  });

  it('shows the notification queues, counted on scrape', async () => {
    const org = await createOrgWithOwner(ctx());
    const db = ctx().deps.database.db;
    const now = ctx().deps.now();
    const app = await appWith(ctx(), {});
    try {
      const before = sample((await scrape(app)).body, 'seatkeeper_email_outbox_pending');
      await db
        .insertInto('email_outbox')
        .values(
          [1, 2, 3].map((index) => ({
            id: randomUUID(),
            org_id: org.orgId,
            kind: 'test',
            to_address: `queued-${index}@example.com`,
            subject: 'Queued',
            text_body: 'Waiting to be sent.',
            html_body: null,
            created_at: now,
            send_after: now,
            sent_at: null,
            attempts: 0,
            last_error: null,
            claimed_until: null,
          })),
        )
        .execute();
      // A new app: its cache of the counts is empty, so this scrape counts.
      const fresh = await appWith(ctx(), {});
      try {
        const text = (await scrape(fresh)).body;
        expect(sample(text, 'seatkeeper_email_outbox_pending')).toBe(before + 3);
        expect(text).toMatch(/^seatkeeper_webhook_deliveries_pending \d+$/m);
        expect(text).toMatch(/^seatkeeper_alert_digest_items_pending \d+$/m);
      } finally {
        await fresh.close();
      }
    } finally {
      await app.close();
      await db.deleteFrom('email_outbox').where('kind', '=', 'test').execute();
    }
  });

  it('shows the PostgreSQL pool, and no pool on SQLite', async () => {
    const text = (await scrape(ctx().app)).body;
    if (ctx().kind === 'postgres') {
      expect(sample(text, 'seatkeeper_db_pool_connections')).toBeGreaterThanOrEqual(1);
      expect(text).toMatch(/^seatkeeper_db_pool_idle_connections \d+$/m);
      expect(text).toMatch(/^seatkeeper_db_pool_waiting_requests \d+$/m);
    } else {
      expect(text).not.toContain('seatkeeper_db_pool');
    }
  });

  it('answers only loopback, the trusted proxies, or the bearer METRICS_TOKEN', async () => {
    const refused = await scrape(ctx().app, { remoteAddress: '203.0.113.9' });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().code).toBe('metrics-forbidden');
    expect(refused.body).not.toContain('seatkeeper_');
    expect((await scrape(ctx().app, { remoteAddress: '::1' })).statusCode).toBe(200);
    expect((await scrape(ctx().app, { remoteAddress: '::ffff:127.0.0.1' })).statusCode).toBe(200);

    const token = 'metrics-token-0123456789abcdef';
    const app = await appWith(ctx(), { metricsToken: token, trustProxy: ['10.0.0.0/8'] });
    try {
      const remote = { remoteAddress: '198.51.100.7' };
      expect((await scrape(app, { ...remote, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
      expect((await scrape(app, { ...remote, headers: { authorization: `Bearer ${token}x` } })).statusCode).toBe(403);
      expect((await scrape(app, remote)).statusCode).toBe(403);
      // A Prometheus on the proxies' network is let in; a client through the proxy is not.
      expect((await scrape(app, { remoteAddress: '10.1.2.3' })).statusCode).toBe(200);
      const forwarded = await scrape(app, { remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(forwarded.statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });

  it('stays out of the OpenAPI document (it is not JSON)', async () => {
    const document = (await ctx().app.inject({ url: '/api/openapi.json' })).json();
    expect(document.paths['/metrics']).toBeUndefined();
  });
});

describe('METRICS_TOKEN', () => {
  it('is unset by default and must be a long token without spaces', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'metrics-token-0123456789abcdef' }).metricsToken).toBe(
      'metrics-token-0123456789abcdef',
    );
    for (const value of ['short', 'sixteen chars but spaced']) {
      expect(() => loadConfig({ METRICS_TOKEN: value })).toThrow(ConfigError);
      expect(() => loadConfig({ METRICS_TOKEN: value })).toThrow(/^METRICS_TOKEN: /);
    }
  });
});
