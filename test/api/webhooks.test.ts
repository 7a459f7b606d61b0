import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, expect, it } from 'vitest';
import {
  createNotificationWorkers,
  queueAlertNotifications,
  SECRET_ROTATION_OVERLAP_MS,
  WEBHOOK_RETRY_DELAYS_MS,
} from '../../src/server/features/notifications/index.ts';
import { DEFAULT_SECURITY_SETTINGS } from '../../src/server/features/security-settings/index.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A local webhook receiver answering `status.code`; it keeps what it received. */
async function startReceiver(code = 200) {
  const received: Received[] = [];
  const status = { code };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        headers: request.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.statusCode = status.code;
      response.end(status.code === 200 ? 'ok' : `boom ${'x'.repeat(500)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receivers.push(server);
  return { port, url: `http://127.0.0.1:${port}/hook`, received, status };
}
const receivers: http.Server[] = [];

/** A value's shape: every key with the type of its value, recursively (what a documented example must match). */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([key, inner]) => [key, shapeOf(inner)])
        .sort(),
    );
  }
  return value === null ? 'null' : typeof value;
}
afterAll(async () => {
  for (const server of receivers) await new Promise((resolve) => server.close(resolve));
});

async function owned(context: TestContext, name = 'Hooks') {
  const org = await createOrgWithOwner(context, name);
  return { ...org, owner: await signIn(context.app, org.email, org.password) };
}

async function addWebhook(context: TestContext, owner: Session, url: string, extra: Record<string, unknown> = {}) {
  const created = await context.app.inject({
    method: 'POST',
    url: '/api/v1/webhooks',
    headers: as(owner),
    payload: { url, description: 'SIEM', ...extra },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { webhook: { id: string; url: string }; secret: string };
}

/** Runs `body` with private addresses allowed (WEBHOOK_ALLOW_PRIVATE=1), as the local receivers need. */
async function allowingPrivate<T>(context: TestContext, body: () => Promise<T>): Promise<T> {
  context.deps.config.webhookAllowPrivate = true;
  try {
    return await body();
  } finally {
    context.deps.config.webhookAllowPrivate = false;
  }
}

const deliveriesOf = async (context: TestContext, owner: Session, id: string, query = '') =>
  context.app.inject({ url: `/api/v1/webhooks/${id}/deliveries${query}`, headers: as(owner) });

describeEachDatabase('webhooks', (ctx) => {
  it('signs each message (Standard Webhooks) so the receiver verifies it; the delivery log shows the outcome', async () => {
    const org = await owned(ctx());
    const receiver = await startReceiver();
    await allowingPrivate(ctx(), async () => {
      const { webhook, secret } = await addWebhook(ctx(), org.owner, receiver.url);
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
      const listed = await ctx().app.inject({ url: '/api/v1/webhooks', headers: as(org.owner) });
      expect(listed.json().items).toEqual([
        expect.objectContaining({ id: webhook.id, enabled: true, lastDelivery: null }),
      ]);
      expect(listed.body).not.toContain(secret);

      const test = await ctx().app.inject({
        method: 'POST',
        url: `/api/v1/webhooks/${webhook.id}/test`,
        headers: as(org.owner),
      });
      expect(test.statusCode).toBe(202);
      expect(test.json()).toMatchObject({ eventType: 'webhook.test', status: 'pending', attempts: 0 });
      // An alert opened in a sign-in's transaction is posted too; one that only gained evidence is not.
      const alertId = await insertAlertRow(ctx(), org.orgId);
      const alert = {
        id: alertId,
        orgId: org.orgId,
        type: 'impossible_travel' as const,
        severity: 'high' as const,
        explanation: 'Signed in from London and Tokyo 1 hour apart.',
        opened: true,
        userId: org.ownerId,
        ip: '2001:218::1',
      };
      await ctx()
        .deps.database.db.transaction()
        .execute((trx) =>
          queueAlertNotifications(trx, {
            orgId: org.orgId,
            alerts: [alert, { ...alert, opened: false }],
            settings: DEFAULT_SECURITY_SETTINGS,
            now: ctx().deps.now(),
          }),
        );
      const workers = createNotificationWorkers(ctx().deps);
      expect((await workers.runOnce()).webhookAttempts).toBe(2);

      expect(receiver.received).toHaveLength(2);
      const verifier = new Webhook(secret);
      const payloads = receiver.received.map(
        (message) => verifier.verify(message.body, message.headers) as { type: string; data: Record<string, unknown> },
      );
      expect(payloads.map((payload) => payload.type).sort()).toEqual(['alert.opened', 'webhook.test']);
      const opened = payloads.find((payload) => payload.type === 'alert.opened');
      expect(opened?.data.alert).toMatchObject({ id: alertId, type: 'impossible_travel', severity: 'high' });
      // docs/notifications.md shows a payload of the same shape, and its verification snippet works as written.
      const guide = fs.readFileSync(new URL('../../docs/notifications.md', import.meta.url), 'utf8');
      const documented = JSON.parse(/```json\n([\s\S]*?)```/.exec(guide)?.[1] ?? 'null');
      expect(shapeOf(documented)).toEqual(shapeOf(opened));
      const snippet = /```js\n([\s\S]*?)```/.exec(guide)?.[1] ?? '';
      const runSnippet = new Function(
        'Webhook',
        'process',
        'rawBody',
        'request',
        `${snippet.replace(/^import .*$/m, '')}\nreturn payload;`,
      );
      const message = receiver.received.find((item) => item.body.includes('alert.opened'))!;
      const env = { env: { SEATKEEPER_WEBHOOK_SECRET: secret } };
      expect(runSnippet(Webhook, env, message.body, { headers: message.headers })).toEqual(opened);
      // A tampered body does not verify.
      const first = receiver.received[0]!;
      expect(() => verifier.verify(first.body.replace('"', '" '), first.headers)).toThrow();

      const log = await deliveriesOf(ctx(), org.owner, webhook.id);
      expect(log.statusCode).toBe(200);
      expect(log.json().items).toHaveLength(2);
      for (const item of log.json().items) {
        expect(item).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200, lastError: null });
        expect(receiver.received.map((message) => message.headers['webhook-id'])).toContain(item.messageId);
      }
      const after = await ctx().app.inject({ url: '/api/v1/webhooks', headers: as(org.owner) });
      expect(after.json().items[0].lastDelivery.status).toBe('succeeded');
    });
  });

  it('rotates the secret: both secrets sign for 24 hours, then only the new one', async () => {
    const org = await owned(ctx());
    const receiver = await startReceiver();
    const workers = createNotificationWorkers(ctx().deps);
    await allowingPrivate(ctx(), async () => {
      const { webhook, secret: oldSecret } = await addWebhook(ctx(), org.owner, receiver.url);
      const rotated = await ctx().app.inject({
        method: 'POST',
        url: `/api/v1/webhooks/${webhook.id}/rotate-secret`,
        headers: as(org.owner),
      });
      expect(rotated.statusCode).toBe(200);
      const newSecret = rotated.json().secret as string;
      expect(newSecret).not.toBe(oldSecret);
      expect(rotated.json().webhook.secretRotatedAt).not.toBeNull();
      const sendTest = () =>
        ctx().app.inject({ method: 'POST', url: `/api/v1/webhooks/${webhook.id}/test`, headers: as(org.owner) });

      await sendTest();
      await workers.runOnce();
      const during = receiver.received.at(-1)!;
      // A receiver still on the old secret and one already on the new one both accept it.
      expect(new Webhook(oldSecret).verify(during.body, during.headers)).toMatchObject({ type: 'webhook.test' });
      expect(new Webhook(newSecret).verify(during.body, during.headers)).toMatchObject({ type: 'webhook.test' });

      // Just before and just after the overlap ends (the clock moves; signatures are checked directly).
      const rotatedAt = Date.parse(rotated.json().webhook.secretRotatedAt);
      for (const [offset, oldSigns] of [
        [SECRET_ROTATION_OVERLAP_MS - 1, true],
        [SECRET_ROTATION_OVERLAP_MS, false],
      ] as const) {
        ctx().clock.frozenAtMs = rotatedAt + offset;
        // A day later the console session has idled out: sign in again.
        org.owner = await signIn(ctx().app, org.email, org.password);
        await sendTest();
        await workers.runOnce();
        const message = receiver.received.at(-1)!;
        const timestamp = new Date(Number(message.headers['webhook-timestamp']) * 1000);
        const signatures = message.headers['webhook-signature']!.split(' ');
        const signedBy = (secret: string) =>
          signatures.includes(new Webhook(secret).sign(message.headers['webhook-id']!, timestamp, message.body));
        expect(signedBy(newSecret)).toBe(true);
        expect(signedBy(oldSecret)).toBe(oldSigns);
        expect(signatures).toHaveLength(oldSigns ? 2 : 1);
      }
    }).finally(() => {
      ctx().clock.frozenAtMs = undefined;
    });
  });

  it('retries a failing receiver on the Standard Webhooks schedule, marks it failed after the last try, and "send again" delivers it', async () => {
    const org = await owned(ctx());
    const receiver = await startReceiver(500);
    const workers = createNotificationWorkers(ctx().deps);
    const start = Date.parse('2030-06-01T00:00:00Z');
    ctx().clock.frozenAtMs = start;
    org.owner = await signIn(ctx().app, org.email, org.password);
    await allowingPrivate(ctx(), async () => {
      const { webhook } = await addWebhook(ctx(), org.owner, receiver.url);
      const queued = await ctx().app.inject({
        method: 'POST',
        url: `/api/v1/webhooks/${webhook.id}/test`,
        headers: as(org.owner),
      });
      const deliveryId = queued.json().id as string;
      // Read as the owner signs in at each moment (the clock moves by hours; sessions idle out).
      const delivery = async () => {
        org.owner = await signIn(ctx().app, org.email, org.password);
        return (await deliveriesOf(ctx(), org.owner, webhook.id)).json().items[0];
      };

      await workers.runOnce();
      expect(receiver.received).toHaveLength(1);
      let due = start;
      for (const [index, delay] of WEBHOOK_RETRY_DELAYS_MS.entries()) {
        due += delay;
        const state = await delivery();
        expect(state).toMatchObject({ status: 'pending', attempts: index + 1, lastStatusCode: 500 });
        expect(state.nextAttemptAt).toBe(new Date(due).toISOString());
        expect(state.lastError).toMatch(/^HTTP 500: boom x+$/);
        expect(state.lastError.length).toBeLessThanOrEqual(200 + 'HTTP 500: '.length);
        // Not a moment early.
        ctx().clock.frozenAtMs = due - 1;
        await workers.runOnce();
        expect(receiver.received).toHaveLength(index + 1);
        ctx().clock.frozenAtMs = due;
        await workers.runOnce();
        expect(receiver.received).toHaveLength(index + 2);
      }
      expect(await delivery()).toMatchObject({ status: 'failed', attempts: 8, nextAttemptAt: null, deliveredAt: null });
      ctx().clock.frozenAtMs = due + 100 * 3_600_000;
      await workers.runOnce();
      expect(receiver.received).toHaveLength(8);
      // Every attempt carried the same message id.
      expect(new Set(receiver.received.map((message) => message.headers['webhook-id'])).size).toBe(1);

      receiver.status.code = 200;
      org.owner = await signIn(ctx().app, org.email, org.password);
      const again = await ctx().app.inject({
        method: 'POST',
        url: `/api/v1/webhooks/${webhook.id}/deliveries/${deliveryId}/retry`,
        headers: as(org.owner),
      });
      expect(again.statusCode).toBe(202);
      expect(again.json()).toMatchObject({ id: deliveryId, status: 'pending' });
      await workers.runOnce();
      expect(receiver.received).toHaveLength(9);
      expect(receiver.received[8]?.headers['webhook-id']).toBe(receiver.received[0]?.headers['webhook-id']);
      expect(await delivery()).toMatchObject({
        status: 'succeeded',
        attempts: 9,
        lastStatusCode: 200,
        lastError: null,
      });
    }).finally(() => {
      ctx().clock.frozenAtMs = undefined;
    });
  });

  it('refuses URLs on loopback, private, link-local and CGNAT addresses when saved, and changes nothing', async () => {
    const org = await owned(ctx());
    for (const url of [
      'http://127.0.0.1/hook',
      'https://10.0.0.1/hook',
      'http://[::1]:8080/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fd00::1]/',
      'http://0.0.0.0/',
      'http://localhost:9/hook',
      'ftp://hooks.example.com/',
      'not a url',
    ]) {
      const answer = await ctx().app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: as(org.owner),
        payload: { url },
      });
      expect(answer.statusCode, url).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.json().code, url).toBe('webhook-url-refused');
    }
    const localhost = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: as(org.owner),
      payload: { url: 'http://localhost:9/hook' },
    });
    expect(localhost.json().detail).toMatch(/localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/);
    expect((await ctx().app.inject({ url: '/api/v1/webhooks', headers: as(org.owner) })).json().items).toEqual([]);

    // A public one is kept; changing it to a refused one answers 400 and keeps it.
    const { webhook } = await addWebhook(ctx(), org.owner, 'https://hooks.example.com/seatkeeper');
    const patched = await ctx().app.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/${webhook.id}`,
      headers: as(org.owner),
      payload: { url: 'http://192.168.1.10/hook' },
    });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().code).toBe('webhook-url-refused');
    const listed = await ctx().app.inject({ url: '/api/v1/webhooks', headers: as(org.owner) });
    expect(listed.json().items[0].url).toBe('https://hooks.example.com/seatkeeper');
  });

  it('refuses at send time a name that resolves to a private address (DNS rebinding), without connecting', async () => {
    const org = await owned(ctx());
    const receiver = await startReceiver();
    const workers = createNotificationWorkers(ctx().deps);
    // Saved while the operator allowed private addresses; then the flag is off again (as when a
    // public name is later pointed at an internal address): the send must not reach it.
    const { webhook } = await allowingPrivate(ctx(), () =>
      addWebhook(ctx(), org.owner, `http://localhost:${receiver.port}/hook`),
    );
    const literal = await allowingPrivate(ctx(), () => addWebhook(ctx(), org.owner, receiver.url));
    for (const id of [webhook.id, literal.webhook.id]) {
      await ctx().app.inject({ method: 'POST', url: `/api/v1/webhooks/${id}/test`, headers: as(org.owner) });
    }
    await workers.runOnce();
    expect(receiver.received).toHaveLength(0);
    const byName = (await deliveriesOf(ctx(), org.owner, webhook.id)).json().items[0];
    expect(byName).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(byName.lastError).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/);
    const byAddress = (await deliveriesOf(ctx(), org.owner, literal.webhook.id)).json().items[0];
    expect(byAddress.lastError).toBe('refused: 127.0.0.1 is a loopback address');
  });

  it('pages the delivery log newest first, edits and deletes endpoints, and a disabled endpoint gets no alerts', async () => {
    const org = await owned(ctx());
    const { webhook } = await addWebhook(ctx(), org.owner, 'https://hooks.example.com/log');
    const start = ctx().deps.now();
    try {
      for (let index = 0; index < 5; index += 1) {
        ctx().clock.frozenAtMs = start + index * 1000;
        await ctx().app.inject({ method: 'POST', url: `/api/v1/webhooks/${webhook.id}/test`, headers: as(org.owner) });
      }
    } finally {
      ctx().clock.frozenAtMs = undefined;
    }
    const first = await deliveriesOf(ctx(), org.owner, webhook.id, '?limit=3');
    expect(first.json().items.map((item: { createdAt: string }) => Date.parse(item.createdAt) - start)).toEqual([
      4000, 3000, 2000,
    ]);
    const second = await deliveriesOf(ctx(), org.owner, webhook.id, `?limit=3&cursor=${first.json().nextCursor}`);
    expect(second.json().items.map((item: { createdAt: string }) => Date.parse(item.createdAt) - start)).toEqual([
      1000, 0,
    ]);
    expect(second.json().nextCursor).toBeNull();
    expect((await deliveriesOf(ctx(), org.owner, webhook.id, '?cursor=nonsense')).json().code).toBe('invalid-cursor');

    const disabled = await ctx().app.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/${webhook.id}`,
      headers: as(org.owner),
      payload: { enabled: false, description: 'Paused' },
    });
    expect(disabled.json()).toMatchObject({ enabled: false, description: 'Paused' });
    const alertId = await insertAlertRow(ctx(), org.orgId);
    await ctx()
      .deps.database.db.transaction()
      .execute(async (trx) =>
        queueAlertNotifications(trx, {
          orgId: org.orgId,
          alerts: [
            {
              id: alertId,
              orgId: org.orgId,
              type: 'brute_force',
              severity: 'high',
              explanation: 'x',
              opened: true,
              userId: null,
              ip: null,
            },
          ],
          settings: DEFAULT_SECURITY_SETTINGS,
          now: ctx().deps.now(),
        }),
      );
    expect((await deliveriesOf(ctx(), org.owner, webhook.id, '?limit=200')).json().items).toHaveLength(5);

    const deleted = await ctx().app.inject({
      method: 'DELETE',
      url: `/api/v1/webhooks/${webhook.id}`,
      headers: as(org.owner),
    });
    expect(deleted.statusCode).toBe(204);
    expect((await deliveriesOf(ctx(), org.owner, webhook.id)).statusCode).toBe(404);
    const again = await ctx().app.inject({
      method: 'DELETE',
      url: `/api/v1/webhooks/${webhook.id}`,
      headers: as(org.owner),
    });
    expect(again.statusCode).toBe(404);
  });

  it("never shows or touches another organization's webhooks or deliveries (404), and is for owners only", async () => {
    const org = await owned(ctx(), 'Mine');
    const other = await owned(ctx(), 'Theirs');
    const { webhook } = await addWebhook(ctx(), other.owner, 'https://hooks.example.com/theirs');
    const test = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${webhook.id}/test`,
      headers: as(other.owner),
    });
    const deliveryId = test.json().id as string;
    expect((await ctx().app.inject({ url: '/api/v1/webhooks', headers: as(org.owner) })).json().items).toEqual([]);
    for (const [method, url, payload] of [
      ['PATCH', `/api/v1/webhooks/${webhook.id}`, { enabled: false }],
      ['DELETE', `/api/v1/webhooks/${webhook.id}`, undefined],
      ['POST', `/api/v1/webhooks/${webhook.id}/rotate-secret`, undefined],
      ['POST', `/api/v1/webhooks/${webhook.id}/test`, undefined],
      ['GET', `/api/v1/webhooks/${webhook.id}/deliveries`, undefined],
      ['POST', `/api/v1/webhooks/${webhook.id}/deliveries/${deliveryId}/retry`, undefined],
    ] as const) {
      const answer = await ctx().app.inject({ method, url, headers: as(org.owner), ...(payload ? { payload } : {}) });
      expect(answer.statusCode, `${method} ${url}`).toBe(404);
    }
    // My own endpoint with their delivery's id: still 404.
    const mine = await addWebhook(ctx(), org.owner, 'https://hooks.example.com/mine');
    const crossed = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${mine.webhook.id}/deliveries/${deliveryId}/retry`,
      headers: as(org.owner),
    });
    expect(crossed.statusCode).toBe(404);
    // Theirs is untouched.
    const theirs = await ctx().app.inject({ url: '/api/v1/webhooks', headers: as(other.owner) });
    expect(theirs.json().items).toEqual([expect.objectContaining({ id: webhook.id, enabled: true })]);
    expect((await ctx().app.inject({ url: '/api/v1/webhooks' })).statusCode).toBe(401);
  });
});

async function insertAlertRow(context: TestContext, orgId: string): Promise<string> {
  const id = crypto.randomUUID();
  const now = context.deps.now();
  await context.deps.database.db
    .insertInto('alerts')
    .values({
      id,
      org_id: orgId,
      type: 'impossible_travel',
      severity: 'high',
      status: 'open',
      user_id: null,
      ip: null,
      subject_key: id,
      dedupe_key: id,
      summary: 'Test alert.',
      details: '{}',
      event_count: 1,
      first_seen_at: now,
      last_seen_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}
