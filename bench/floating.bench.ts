// `npm run bench:floating`: floating pools (issue 14), two measures in one run.
// (i) Lease renewals: heartbeats of app sessions that live on a floating pool's leases, per second at
//     50 connections against the real server, compared with a bare Fastify route measured in the same run
//     (the aim: ≥ 0.5× the bare route on SQLite, as for named seats).
// (ii) Lease starts under contention for the last seats: CLIENTS apps signing in at once to a pool of
//     SEATS (whole app sign-ins: argon2id, the recorded attempt, the lease), each holding its seat a moment
//     and signing out, each refused one (403 pool-full) trying again shortly; starts and refusals per
//     second, with argon2id verify alone at the same concurrency shown apart (what the hash costs), and the
//     most leases ever seen at once (never above SEATS).
// BENCH_POSTGRES_URL=postgres://… runs both on a scratch PostgreSQL database instead of SQLite.
import autocannon from 'autocannon';
import { loadConfig } from '../src/server/config.ts';
import { createDeps } from '../src/server/create-deps.ts';
import { insertAppSession } from '../src/server/features/app-sessions/index.ts';
import { HEARTBEAT_INTERVAL_SECONDS } from '../src/server/features/app-sign-in/index.ts';
import { hashPassword, verifyPassword } from '../src/server/features/auth/passwords.ts';
import { createOrganization } from '../src/server/features/operator/create-organization.ts';
import { addProduct, addSubscription } from '../src/server/features/operator/manage-subscriptions.ts';
import { takeLease } from '../src/server/features/seat-leases/index.ts';
import { insertUser, newUserRow } from '../src/server/features/users/users.repository.ts';
import { buildApp } from '../src/server/http/app.ts';
import { startProgress } from '../src/server/lib/progress.ts';
import { createSecureToken, hashToken } from '../src/server/lib/secure-token.ts';
import { DAY_MS } from '../src/server/lib/time.ts';
import { openBenchDatabase } from './bench-database.ts';
import { runLoad, startBenchServer } from './run-load.ts';

// Enough sessions that each heartbeats only every few seconds during the run (as in life, every 60 s).
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const SEATS = Number(process.env.BENCH_SEATS ?? 20);
/** A client holds its seat this long (ms, uniform 0..HOLD_MS) before signing out; a refused one waits RETRY_MS. */
const HOLD_MS = Number(process.env.BENCH_HOLD_MS ?? 2000);
const RETRY_MS = Number(process.env.BENCH_RETRY_MS ?? 50);
// (ii) is bound by argon2id (a whole sign-in hashes once): a longer window than (i) counts more rounds.
const CONTENTION_SECONDS = Number(process.env.BENCH_CONTENTION_SECONDS ?? 3 * SECONDS);
const PASSWORD = 'benchmark passphrase';

const bench = await openBenchDatabase();
const db = bench.database.db;
const kind = bench.database.kind;
process.stdout.write(`Floating pool benchmark on ${kind}\n`);
const now = Date.now();
const { organization } = await createOrganization(db, {
  name: 'Floating bench',
  ownerEmail: `bench-owner-${now}@example.com`,
  ownerPassword: PASSWORD,
});

/* ---------- (i) lease renewals ---------- */

process.stdout.write(`(i) Lease renewals: ${SESSIONS} app sessions on a floating pool of ${SESSIONS}\n`);
const tokens = await createFloatingSessions(SESSIONS);

process.stdout.write('  baseline: bare Fastify route\n');
const bare = await startBenchServer('bare', bench.env);
const baseline = await runLoad(bare.url, { name: 'bare GET /hello', path: '/hello', seconds: SECONDS });
await bare.stop();

const server = await startBenchServer('app', bench.env);
process.stdout.write(`  floating heartbeats: ${SECONDS} s at ${CONNECTIONS} connections…\n`);
let next = 0;
const renewals = await autocannon({
  url: `${server.url}/api/v1/app/sessions/current/heartbeat`,
  connections: CONNECTIONS,
  duration: SECONDS,
  requests: [
    {
      method: 'POST',
      // Each request carries the next session's token, so every lease is renewed in turn.
      setupRequest: (request) => {
        next = (next + 1) % tokens.length;
        return { ...request, headers: { ...request.headers, authorization: `Bearer ${tokens[next]}` } };
      },
    },
  ],
});
const peakRss = server.peakRss();
await server.stop();
const renewed = await db
  .selectFrom('app_sessions')
  .select((eb) => eb.fn.countAll<number>().as('count'))
  .where('org_id', '=', organization.id)
  .where('last_heartbeat_at', '>', Date.now() - (SECONDS + 30) * 1000)
  .executeTakeFirstOrThrow();

/* ---------- (ii) lease starts under contention ---------- */

process.stdout.write(`(ii) Lease starts: ${CLIENTS} clients, a pool of ${SEATS} seats, ${CONTENTION_SECONDS} s\n`);
const contention = await measureContention();
await bench.cleanup();

console.table([
  {
    measure: baseline.name,
    'per second': Math.round(baseline.requestsPerSecond),
    'p50 ms': baseline.p50,
    'p99 ms': baseline.p99,
    'vs bare': '1.000',
    'non-2xx': baseline.non2xx + baseline.errors,
  },
  {
    measure: `lease renewal (heartbeat, ${kind}, durable)`,
    'per second': Math.round(renewals.requests.average),
    'p50 ms': renewals.latency.p50,
    'p99 ms': renewals.latency.p99,
    'vs bare': (renewals.requests.average / baseline.requestsPerSecond).toFixed(3),
    'non-2xx': renewals.non2xx + renewals.errors,
  },
]);
process.stdout.write(
  `Leases renewed and stored during the run: ${Number(renewed.count)} of ${SESSIONS}. ` +
    `Server peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB\n`,
);
console.table([
  {
    measure: `argon2id verify alone (${CLIENTS} at once)`,
    'per second': Math.round(contention.argon2PerSecond),
    'vs argon2 alone': '1.000',
  },
  {
    measure: `lease start, 201 (${kind})`,
    'per second': Math.round(contention.started / CONTENTION_SECONDS),
    'vs argon2 alone': (contention.started / CONTENTION_SECONDS / contention.argon2PerSecond).toFixed(3),
  },
  {
    measure: 'answered sign-ins (201 + 403)',
    'per second': Math.round((contention.started + contention.poolFull) / CONTENTION_SECONDS),
    'vs argon2 alone': (
      (contention.started + contention.poolFull) /
      CONTENTION_SECONDS /
      contention.argon2PerSecond
    ).toFixed(3),
  },
  {
    measure: 'refused, 403 pool-full',
    'per second': Math.round(contention.poolFull / CONTENTION_SECONDS),
    'vs argon2 alone': (contention.poolFull / CONTENTION_SECONDS / contention.argon2PerSecond).toFixed(3),
  },
]);
process.stdout.write(
  `Sign-ins answered: ${contention.started} started, ${contention.poolFull} pool-full, ${contention.other} other` +
    `${contention.otherCodes.size > 0 ? ` (${[...contention.otherCodes].join(', ')})` : ''}. ` +
    `Most leases seen at once: ${contention.maxLeased} of ${SEATS} seats.\n`,
);

/** A floating pool of `count` seats whose every seat is leased by an open app session (written directly). */
async function createFloatingSessions(count: number): Promise<string[]> {
  const key = `bench-floating-${now}`;
  await addProduct(db, { key, name: 'Bench floating app' });
  const subscription = await addSubscription(db, {
    orgId: organization.id,
    productKey: key,
    seats: count,
    kind: 'floating',
    startsAt: now - DAY_MS,
    expiresAt: now + 30 * DAY_MS,
  });
  const created: string[] = [];
  const progress = startProgress('  Sessions and leases', count, (line) => process.stdout.write(`${line}\n`));
  await db.transaction().execute(async (trx) => {
    for (let index = 0; index < count; index++) {
      if (index % 1000 === 999) progress.increment(1000);
      const user = newUserRow({
        orgId: organization.id,
        email: `bench-${now}-${index}@example.com`,
        name: `Bench ${index}`,
        role: 'member',
        passwordHash: null,
        now,
      });
      await insertUser(trx, user);
      const token = createSecureToken();
      created.push(token);
      const sessionId = await insertAppSession(trx, {
        org_id: organization.id,
        user_id: user.id,
        subscription_id: subscription.id,
        app_key: key,
        app_version: '1.0.0',
        token_hash: hashToken(token),
        heartbeat_interval_s: HEARTBEAT_INTERVAL_SECONDS,
        // A floating session's silence limit is its pool's lease window (10 min by default).
        silence_limit_s: Number(subscription.lease_window_s),
        started_at: now,
        last_heartbeat_at: now,
        ended_at: null,
        end_reason: null,
        usage_counted_until: now,
        ip: '81.2.69.142',
        country_code: 'GB',
        country: 'United Kingdom',
        region: 'England',
        city: 'London',
        latitude: 51.5142,
        longitude: -0.0931,
        asn: null,
        as_organization: null,
        device_type: 'desktop',
        device_id: `device-${index}`,
        device_name: `Bench machine ${index}`,
        os: 'Windows',
        os_version: '11',
      });
      const lease = await takeLease(trx, {
        subscription: { orgId: organization.id, id: subscription.id, kind: 'floating' },
        userId: user.id,
        appSessionId: sessionId,
        device: { id: `device-${index}`, name: `Bench machine ${index}` },
        now,
      });
      if (!lease) throw new Error('the bench pool refused a lease');
    }
  });
  progress.stop();
  // Setting up can take longer than the lease window on a busy machine: the sessions start their
  // window now, or the server would rightly end them all as silent at their first heartbeat.
  const ready = Date.now();
  await db
    .updateTable('app_sessions')
    .set({ last_heartbeat_at: ready, usage_counted_until: ready })
    .where('org_id', '=', organization.id)
    .execute();
  return created;
}

/**
 * CLIENTS members race for a pool of SEATS through whole app sign-ins (in-process, app.inject: the HTTP
 * server's cost is part (i)'s business), then argon2id verify alone at the same concurrency.
 */
async function measureContention() {
  const key = `bench-pool-${now}`;
  await addProduct(db, { key, name: 'Bench contended app' });
  const pool = await addSubscription(db, {
    orgId: organization.id,
    productKey: key,
    seats: SEATS,
    kind: 'floating',
    startsAt: now - DAY_MS,
    expiresAt: now + 30 * DAY_MS,
  });
  const hash = await hashPassword(PASSWORD);
  const emails: string[] = [];
  for (let index = 0; index < CLIENTS; index++) {
    const email = `client-${now}-${index}@example.com`;
    emails.push(email);
    await insertUser(
      db,
      newUserRow({ orgId: organization.id, email, name: `Client ${index}`, role: 'member', passwordHash: hash, now }),
    );
  }
  const deps = await createDeps(loadConfig({ ...bench.env, DEMO: '0', LOG_LEVEL: 'silent' }));
  const app = await buildApp(deps, { webDistDir: false });
  const counts = { started: 0, poolFull: 0, other: 0, otherCodes: new Set<string>(), maxLeased: 0 };
  const signInOf = (index: number) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/app/sessions',
      remoteAddress: `81.2.${Math.floor(index / 200) % 250}.${(index % 200) + 1}`,
      payload: {
        email: emails[index],
        password: PASSWORD,
        app: { key, version: '1.0.0' },
        device: { id: `client-device-${index}`, name: `Client ${index}`, os: 'Windows', osVersion: '11' },
      },
    });
  const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

  // Watch the pool's count of leases while the clients race: it must never pass SEATS.
  const watcher = setInterval(async () => {
    const row = await db.selectFrom('subscriptions').select('leased').where('id', '=', pool.id).executeTakeFirst();
    counts.maxLeased = Math.max(counts.maxLeased, Number(row?.leased ?? 0));
  }, 100);
  const progress = setInterval(() => {
    process.stdout.write(`  … ${counts.started} started, ${counts.poolFull} pool-full, ${counts.other} other\n`);
  }, 2000);
  const until = performance.now() + CONTENTION_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, index) => {
      while (performance.now() < until) {
        const answer = await signInOf(index);
        // Answers after the window are not counted (the rates are over CONTENTION_SECONDS), but their seats are freed.
        const counting = performance.now() < until;
        if (answer.statusCode === 201) {
          if (counting) counts.started++;
          await pause(Math.random() * HOLD_MS);
          const token = answer.json().sessionToken as string;
          await app.inject({
            method: 'DELETE',
            url: '/api/v1/app/sessions/current',
            headers: { authorization: `Bearer ${token}` },
          });
        } else if (answer.statusCode === 403 && answer.json().code === 'pool-full') {
          if (counting) counts.poolFull++;
          await pause(RETRY_MS);
        } else {
          if (counting) counts.other++;
          counts.otherCodes.add(`${answer.statusCode} ${answer.json().code ?? ''}`.trim());
          await pause(RETRY_MS);
        }
      }
    }),
  );
  clearInterval(watcher);
  clearInterval(progress);
  await app.close();
  await deps.close();

  process.stdout.write(`  baseline: argon2id verify alone, ${CLIENTS} at once…\n`);
  const baselineUntil = performance.now() + SECONDS * 1000;
  let verified = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < baselineUntil) if (await verifyPassword(hash, PASSWORD)) verified++;
    }),
  );
  return { ...counts, argon2PerSecond: verified / SECONDS };
}
