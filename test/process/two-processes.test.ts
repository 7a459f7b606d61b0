import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import {
  claimWebhookDelivery,
  findDueWebhookDeliveries,
  recordWebhookAttempt,
} from '../../src/server/features/notifications/webhook-deliveries.repository.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { addProduct, addSubscription } from '../../src/server/features/operator/manage-subscriptions.ts';
import { DAY_MS, MINUTE_MS } from '../../src/server/lib/time.ts';
import { createScratchDatabase, postgresAvailable } from '../helpers/postgres.ts';
import { REDIS_URL, redisAvailable } from '../helpers/redis.ts';
import type { HookRequest } from './cluster-serve.ts';

/**
 * Two real server processes (A and B, `startServer` as `npm start` runs it) over one PostgreSQL database
 * and one Redis, as behind a load balancer: everything one process writes or counts, the other sees.
 * Background jobs are driven by test hooks (cluster-serve.ts) that run one tick of a job in a process now,
 * in both at once, instead of waiting for their schedules.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const run = randomBytes(4).toString('hex');
const OWNER = { email: `owner-${run}@two.example`, password: 'quiet copper meadow 81' };
const MEMBER_PASSWORD = 'violet harbour lantern 42';
const MEMBER_EMAIL = `member-${run}@two.example`;
const APP = `cad-${run}`;
const OLD_ATTEMPTS = 20_000;

interface Server {
  child: ChildProcess;
  url: string;
  name: 'A' | 'B';
  hook(request: DistributiveOmit<HookRequest, 'id'>): Promise<unknown>;
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** One stranger's address per call (TRUST_PROXY believes the test's X-Forwarded-For): no count shared with other runs. */
const stranger = () => `198.18.${randomBytes(1)[0]}.${1 + ((randomBytes(1)[0] ?? 0) % 254)}`;

// Bounds for a loaded 2-core machine: starting a process there can take a minute, a step several seconds.
describe.skipIf(!postgresAvailable || !redisAvailable)(
  'two server processes over PostgreSQL and Redis',
  {
    timeout: 120_000,
  },
  () => {
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
    let a: Server;
    let b: Server;
    let orgId = '';
    let subscriptionId = '';
    const receiver = startReceiver();

    beforeAll(async () => {
      scratch = await createScratchDatabase();
      const setup = openDatabase({ kind: 'postgres', url: scratch.url });
      try {
        await migrateToLatest(setup.db);
        const created = await createOrganization(setup.db, {
          name: 'Two Processes',
          ownerEmail: OWNER.email,
          ownerPassword: OWNER.password,
        });
        orgId = created.organization.id;
        await addProduct(setup.db, { key: APP, name: 'CAD' });
        const subscription = await addSubscription(setup.db, {
          orgId,
          productKey: APP,
          seats: 2,
          kind: 'floating',
          startsAt: Date.now() - DAY_MS,
          expiresAt: Date.now() + 365 * DAY_MS,
        });
        subscriptionId = subscription.id;
      } finally {
        await setup.close();
      }
      const env = {
        DATABASE_URL: scratch.url,
        REDIS_URL,
        TRUST_PROXY: '127.0.0.1',
        WEBHOOK_ALLOW_PRIVATE: '1',
        // A process just started on a loaded 2-core machine lags; these tests are about sharing, not shedding.
        OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
      };
      [a, b] = await Promise.all([startServerProcess('A', env), startServerProcess('B', env)]);
    }, 240_000);

    afterAll(async () => {
      for (const server of [a, b]) server?.child.kill('SIGKILL');
      (await receiver).server.close();
      await scratch?.drop();
    });

    const call = (server: Server, method: string, pathname: string, options: CallOptions = {}) =>
      fetch(`${server.url}${pathname}`, {
        method,
        headers: {
          'x-forwarded-for': options.from ?? stranger(),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.session ? { cookie: options.session.cookie, 'x-csrf-token': options.session.csrfToken } : {}),
          ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    const signIn = async (server: Server, email: string, password: string): Promise<Session> => {
      const answer = await call(server, 'POST', '/api/v1/auth/login', { body: { email, password } });
      expect(answer.status, await answer.clone().text()).toBe(200);
      const cookie = answer.headers
        .getSetCookie()
        .map((line) => line.split(';')[0])
        .join('; ');
      return { cookie, csrfToken: ((await answer.json()) as { csrfToken: string }).csrfToken };
    };
    const floating = async (server: Server, session: Session) => {
      const answer = await call(server, 'GET', '/api/v1/subscriptions', { session });
      const { items } = (await answer.json()) as { items: { id: string; inUse: number; available: number }[] };
      return items.find((item) => item.id === subscriptionId);
    };
    const startApp = (server: Server, email: string, password: string, device: string) =>
      call(server, 'POST', '/api/v1/app/sessions', {
        body: {
          email,
          password,
          app: { key: APP, version: '1.0' },
          device: { id: device, name: device, os: 'Windows', osVersion: '11' },
        },
      });

    let owner: Session;

    it('sessions: a console session made on A works on B, and signing out on B ends it on A', async () => {
      // The owner adds the webhook every later step's events go to (checked last).
      owner = await signIn(a, OWNER.email, OWNER.password);
      const hook = await call(b, 'POST', '/api/v1/webhooks', { session: owner, body: { url: (await receiver).url } });
      expect(hook.status, await hook.clone().text()).toBe(201);

      const me = await call(b, 'GET', '/api/v1/me', { session: owner });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { user: { email: string } }).user.email).toBe(OWNER.email);

      // An invitation issued by A is accepted on B; the member signs in on A.
      const invited = await call(a, 'POST', '/api/v1/users', {
        session: owner,
        body: { email: MEMBER_EMAIL, name: 'Member', role: 'member' },
      });
      expect(invited.status, await invited.clone().text()).toBe(201);
      const { invitation } = (await invited.json()) as { invitation: { token: string } };
      const accepted = await call(b, 'POST', `/api/v1/invitations/${invitation.token}/accept`, {
        body: { password: MEMBER_PASSWORD },
      });
      expect(accepted.status, await accepted.clone().text()).toBeLessThan(300);

      const member = await signIn(a, MEMBER_EMAIL, MEMBER_PASSWORD);
      expect((await call(b, 'GET', '/api/v1/me', { session: member })).status).toBe(200);
      expect((await call(b, 'POST', '/api/v1/auth/logout', { session: member })).status).toBeLessThan(300);
      expect((await call(a, 'GET', '/api/v1/me', { session: member })).status).toBe(401);
      expect((await call(b, 'GET', '/api/v1/me', { session: owner })).status).toBe(200);
    });

    it('lease expiry: both sweepers run at once, each silent lease is released once and the pool counts right', async () => {
      expect((await startApp(a, OWNER.email, OWNER.password, `owner-pc-${run}`)).status).toBe(201);
      expect((await startApp(b, MEMBER_EMAIL, MEMBER_PASSWORD, `member-pc-${run}`)).status).toBe(201);
      expect(await floating(a, owner)).toMatchObject({ inUse: 2, available: 0 });
      const full = await startApp(a, OWNER.email, OWNER.password, `third-pc-${run}`);
      expect(full.status).toBe(403);
      expect(((await full.json()) as { code: string }).code).toBe('pool-full');

      // Both processes' clocks past the pool's lease window (10 minutes), then both sweep at the same moment.
      const later = 20 * MINUTE_MS;
      await Promise.all([a.hook({ hook: 'clock', offsetMs: later }), b.hook({ hook: 'clock', offsetMs: later })]);
      await Promise.all([a.hook({ hook: 'sweep' }), b.hook({ hook: 'sweep' })]);
      await Promise.all([a.hook({ hook: 'sweep' }), b.hook({ hook: 'sweep' })]);
      await Promise.all([a.hook({ hook: 'clock', offsetMs: 0 }), b.hook({ hook: 'clock', offsetMs: 0 })]);

      // Released once each: the counter is back to 0, not below; the pool takes two again, and no third.
      expect(await floating(b, owner)).toMatchObject({ inUse: 0, available: 2 });
      const leases = await call(a, 'GET', `/api/v1/subscriptions/${subscriptionId}/leases`, { session: owner });
      expect(((await leases.json()) as { items: unknown[] }).items).toEqual([]);
      expect((await startApp(b, OWNER.email, OWNER.password, `owner-pc2-${run}`)).status).toBe(201);
      expect((await startApp(a, MEMBER_EMAIL, MEMBER_PASSWORD, `member-pc2-${run}`)).status).toBe(201);
      expect((await startApp(b, OWNER.email, OWNER.password, `third-pc2-${run}`)).status).toBe(403);
      expect(await floating(a, owner)).toMatchObject({ inUse: 2, available: 0 });
    });

    it('throttle and lockout: 5 failures spread over A and B lock the account on both (Redis)', async () => {
      for (let index = 0; index < 5; index++) {
        const server = index % 2 === 0 ? a : b;
        const wrong = await call(server, 'POST', '/api/v1/auth/login', {
          body: { email: MEMBER_EMAIL, password: `wrong guess ${index}` },
        });
        expect(wrong.status).toBe(401);
      }
      for (const server of [a, b]) {
        const locked = await call(server, 'POST', '/api/v1/auth/login', {
          body: { email: MEMBER_EMAIL, password: MEMBER_PASSWORD },
        });
        expect(locked.status).toBe(429);
        expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    });

    it('alert deduplication: one brute-force attack through both processes at once opens one alert', async () => {
      // The attack goes on past the brute-force rule's 10 failures, half on each process, all at once.
      const attempts = Array.from({ length: 12 }, (_, index) =>
        call(index % 2 === 0 ? a : b, 'POST', '/api/v1/auth/login', {
          body: { email: MEMBER_EMAIL, password: `guess ${index}` },
        }),
      );
      for (const answer of await Promise.all(attempts)) expect([401, 429]).toContain(answer.status);
      for (const server of [a, b]) {
        const alerts = await call(server, 'GET', '/api/v1/alerts?type=brute_force', { session: owner });
        const { items } = (await alerts.json()) as { items: { type: string; status: string }[] };
        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({ type: 'brute_force', status: 'open' });
      }
    });

    it('scheduled jobs: retention started in both processes at once runs in one (the job lease)', async () => {
      const database = openDatabase({ kind: 'postgres', url: scratch.url });
      try {
        const old = Date.now() - 2 * 365 * DAY_MS;
        for (let start = 0; start < OLD_ATTEMPTS; start += 2000) {
          const rows = Array.from({ length: 2000 }, (_, index) => ({
            org_id: orgId,
            user_id: null,
            email: `nobody-${run}@two.example`,
            occurred_at: old + start + index,
            outcome: 'failure' as const,
            failure_reason: 'unknown_account',
            client: 'console',
            ip: '198.51.100.7',
            device_type: 'desktop',
            risk: '[]',
          }));
          await database.db.insertInto('sign_in_attempts').values(rows).execute();
        }
        const outcomes = (await Promise.all([a.hook({ hook: 'retention' }), b.hook({ hook: 'retention' })])) as {
          status: string;
          result?: { totals: { signInAttemptsDeleted: number } };
        }[];
        const statuses = outcomes.map((outcome) => outcome.status).sort();
        expect(statuses, JSON.stringify(outcomes)).toEqual(['done', 'lease-held']);
        const ran = outcomes.find((outcome) => outcome.status === 'done');
        expect(ran?.result?.totals.signInAttemptsDeleted).toBe(OLD_ATTEMPTS);
        const purged = await database.db
          .selectFrom('audit_log')
          .select('after')
          .where('org_id', '=', orgId)
          .where('action', '=', 'retention.purged')
          .execute();
        expect(purged.map((row) => JSON.parse(row.after ?? '{}').signInAttemptsDeleted)).toEqual([OLD_ATTEMPTS]);
      } finally {
        await database.close();
      }
    });

    it('webhook delivery: both processes send at once, and every delivery reaches the receiver exactly once', async () => {
      const { received } = await receiver;
      const pending = async () => {
        const database = openDatabase({ kind: 'postgres', url: scratch.url });
        try {
          const rows = await database.db.selectFrom('webhook_deliveries').select(['message_id', 'status']).execute();
          return rows;
        } finally {
          await database.close();
        }
      };
      // The leases released 20 minutes ahead (the sweep above) queued their messages for then: both clocks go there.
      const later = 30 * MINUTE_MS;
      await Promise.all([a.hook({ hook: 'clock', offsetMs: later }), b.hook({ hook: 'clock', offsetMs: later })]);
      // Both senders at the same moment, until nothing is due (their own 5-second ticks run meanwhile too).
      for (let round = 0; round < 20; round++) {
        await Promise.all([a.hook({ hook: 'notifications' }), b.hook({ hook: 'notifications' })]);
        if ((await pending()).every((row) => row.status !== 'pending')) break;
      }
      const deliveries = await pending();
      const types = received.map((message) => (JSON.parse(message.body) as { type: string }).type);
      // What happened above: one alert opened, four leases taken and four released, and more.
      expect(types.filter((type) => type === 'alert.opened')).toHaveLength(1);
      expect(types.filter((type) => type === 'lease.taken')).toHaveLength(4);
      expect(types.filter((type) => type === 'lease.released')).toHaveLength(2);
      expect(deliveries.every((row) => row.status === 'succeeded')).toBe(true);
      const ids = received.map((message) => message.headers['webhook-id']);
      expect(ids).toHaveLength(deliveries.length);
      expect(new Set(ids).size).toBe(ids.length);
      await Promise.all([a.hook({ hook: 'clock', offsetMs: 0 }), b.hook({ hook: 'clock', offsetMs: 0 })]);
    });

    it('webhook retries: a delivery one sender just failed and put off is not sent again by the other at once', async () => {
      // The interleaving two senders can meet, step by step on the shared database: B reads the delivery as
      // due; A claims it, the receiver fails, A records the failure and its retry in 5 s and lets go; then B
      // claims what it read. B must find nothing to send until the retry is due.
      const database = openDatabase({ kind: 'postgres', url: scratch.url });
      try {
        const [row] = await database.db.selectFrom('webhook_deliveries').select(['id', 'attempts']).limit(1).execute();
        if (!row) throw new Error('no delivery to retry');
        const now = Date.now();
        await database.db
          .updateTable('webhook_deliveries')
          .set({ status: 'pending', next_attempt_at: now, claimed_until: null })
          .where('id', '=', row.id)
          .execute();
        const seenByB = await findDueWebhookDeliveries(database.db, now, 100);
        expect(seenByB.map((due) => due.id)).toContain(row.id);
        expect(await claimWebhookDelivery(database.db, row.id, now, now + MINUTE_MS)).toBe(true); // A
        await recordWebhookAttempt(database.db, row.id, {
          status: 'pending',
          attempts: row.attempts + 1,
          next_attempt_at: now + 5_000,
          last_attempt_at: now,
          last_status_code: 500,
          last_error: null,
          delivered_at: null,
        });
        expect(await claimWebhookDelivery(database.db, row.id, now + 10, now + MINUTE_MS)).toBe(false); // B
      } finally {
        await database.close();
      }
    });
  },
);

interface Session {
  cookie: string;
  csrfToken: string;
}
interface CallOptions {
  body?: unknown;
  session?: Session;
  bearer?: string;
  from?: string;
}

/** A webhook receiver that takes its time (200 ms) to answer, so the two senders' work overlaps. */
async function startReceiver() {
  const received: { headers: Record<string, string>; body: string }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString() });
      setTimeout(() => response.end('ok'), 200);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, received, url: `http://127.0.0.1:${port}/hook` };
}

function startServerProcess(name: 'A' | 'B', env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/process/cluster-serve.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DEMO: '0', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let nextId = 0;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
    const entry = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error !== undefined) entry?.reject(new Error(`${name}: ${message.error}`));
    else entry?.resolve(message.result);
  });
  const hook: Server['hook'] = (request) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { resolve, reject });
      child.send({ ...request, id });
    });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LISTENING (\S+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1], name, hook });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`server ${name} exited (${code}) before listening:\n${output}`)));
  });
}
