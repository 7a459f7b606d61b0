// `npm run bench:heartbeat`: app heartbeats per second and latency at 50 connections against
// the real server, with every answered heartbeat committed first (group commit), compared with
// a bare Fastify route measured in the same run. BENCH_POSTGRES_URL=postgres://… for PostgreSQL.
import autocannon from 'autocannon';
import { insertAppSession } from '../src/server/features/app-sessions/app-sessions.repository.ts';
import { HEARTBEAT_INTERVAL_SECONDS } from '../src/server/features/app-sign-in/index.ts';
import { insertAssignment } from '../src/server/features/licenses/seat-assignments.repository.ts';
import { createOrganization } from '../src/server/features/operator/create-organization.ts';
import { addProduct, addSubscription } from '../src/server/features/operator/manage-subscriptions.ts';
import { reserveSeat } from '../src/server/features/subscriptions/subscriptions.repository.ts';
import { insertUser, newUserRow } from '../src/server/features/users/users.repository.ts';
import { startProgress } from '../src/server/lib/progress.ts';
import { createSecureToken, hashToken } from '../src/server/lib/secure-token.ts';
import { DAY_MS } from '../src/server/lib/time.ts';
import { openBenchDatabase } from './bench-database.ts';
import { runLoad, startBenchServer } from './run-load.ts';

// Enough sessions that each one heartbeats only every few seconds during the run, as in life
// (every 60 s): each heartbeat then really adds usage seconds, not a zero that is skipped.
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

const bench = await openBenchDatabase();
const db = bench.database.db;
process.stdout.write(`Heartbeat benchmark on ${bench.database.kind}: ${SESSIONS} open app sessions\n`);
const tokens = await createSessions(SESSIONS);

// The bare route is measured before and after the heartbeats and averaged: on a shared machine the
// load of other work drifts during a run, and bracketing keeps the ratio fair to both sides.
async function measureBare() {
  process.stdout.write('Baseline: bare Fastify route\n');
  const bare = await startBenchServer('bare', bench.env);
  const measured = await runLoad(bare.url, { name: 'bare GET /hello', path: '/hello', seconds: SECONDS });
  await bare.stop();
  return measured;
}
const bareBefore = await measureBare();

process.stdout.write('Seatkeeper\n');
const server = await startBenchServer('app', bench.env);
process.stdout.write(`  heartbeats: ${SECONDS} s at ${CONNECTIONS} connections…\n`);
let next = 0;
const result = await autocannon({
  url: `${server.url}/api/v1/app/sessions/current/heartbeat`,
  connections: CONNECTIONS,
  duration: SECONDS,
  requests: [
    {
      method: 'POST',
      // Each request carries the next session's token, so every session heartbeats in turn.
      setupRequest: (request) => {
        next = (next + 1) % tokens.length;
        return { ...request, headers: { ...request.headers, authorization: `Bearer ${tokens[next]}` } };
      },
    },
  ],
});
// One more heartbeat, its answer shown: a run whose answers were not 204 says why.
const sample = await fetch(`${server.url}/api/v1/app/sessions/current/heartbeat`, {
  method: 'POST',
  headers: { authorization: `Bearer ${tokens[0]}` },
});
if (sample.status !== 204) process.stdout.write(`A heartbeat answered ${sample.status}: ${await sample.text()}\n`);
const peakRss = server.peakRss();
await server.stop();
const bareAfter = await measureBare();
const baseline = {
  name: 'bare GET /hello (mean of before and after)',
  requestsPerSecond: (bareBefore.requestsPerSecond + bareAfter.requestsPerSecond) / 2,
  p50: Math.max(bareBefore.p50, bareAfter.p50),
  p99: Math.max(bareBefore.p99, bareAfter.p99),
  non2xx: bareBefore.non2xx + bareAfter.non2xx,
  errors: bareBefore.errors + bareAfter.errors,
};
process.stdout.write(
  `Bare route before / after: ${Math.round(bareBefore.requestsPerSecond)} / ${Math.round(bareAfter.requestsPerSecond)} req/s\n`,
);

const durable = await db
  .selectFrom('app_sessions')
  .select((eb) => eb.fn.countAll<number>().as('count'))
  .where('last_heartbeat_at', '>', Date.now() - (2 * SECONDS + 60) * 1000)
  .executeTakeFirstOrThrow();
await bench.cleanup();

const heartbeatsPerSecond = result.requests.average;
console.table([
  {
    endpoint: baseline.name,
    'req/s': Math.round(baseline.requestsPerSecond),
    'p50 ms': baseline.p50,
    'p99 ms': baseline.p99,
    'vs bare': '1.000',
    'non-2xx': baseline.non2xx + baseline.errors,
  },
  {
    endpoint: `heartbeat (${bench.database.kind}, durable)`,
    'req/s': Math.round(heartbeatsPerSecond),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    'vs bare': (heartbeatsPerSecond / baseline.requestsPerSecond).toFixed(3),
    'non-2xx': result.non2xx + result.errors,
  },
]);
process.stdout.write(
  `Sessions whose heartbeat was stored during the run: ${Number(durable.count)} of ${SESSIONS}. ` +
    `Server peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB\n`,
);

/** Users with seats and open sessions, written directly (signing 2,000 people in through argon2 is not what we measure). */
async function createSessions(count: number): Promise<string[]> {
  const now = Date.now();
  const { organization } = await createOrganization(db, {
    name: 'Heartbeat bench',
    ownerEmail: `bench-owner-${now}@example.com`,
    ownerPassword: 'benchmark passphrase',
  });
  const key = `bench-${now}`;
  await addProduct(db, { key, name: 'Bench app' });
  const subscription = await addSubscription(db, {
    orgId: organization.id,
    productKey: key,
    seats: count,
    startsAt: now - DAY_MS,
    expiresAt: now + 30 * DAY_MS,
  });
  const tokens: string[] = [];
  const progress = startProgress('Sessions', count, (line) => process.stdout.write(`${line}\n`));
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
      await reserveSeat(trx, organization.id, subscription.id, now);
      await insertAssignment(trx, {
        orgId: organization.id,
        subscriptionId: subscription.id,
        userId: user.id,
        assignedBy: null,
        now,
      });
      const token = createSecureToken();
      tokens.push(token);
      await insertAppSession(trx, {
        org_id: organization.id,
        user_id: user.id,
        subscription_id: subscription.id,
        app_key: key,
        app_version: '1.0.0',
        token_hash: hashToken(token),
        heartbeat_interval_s: HEARTBEAT_INTERVAL_SECONDS,
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
    }
  });
  progress.stop();
  return tokens;
}
