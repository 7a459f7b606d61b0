// `npm run bench:heartbeat`: app heartbeats per second and latency at 50 connections against
// the real server, with every answered heartbeat committed first (group commit), compared with
// a bare Fastify route measured in the same run. BENCH_POSTGRES_URL=postgres://… for PostgreSQL.
import autocannon from 'autocannon';
import { createOrganization } from '../src/server/features/operator/create-organization.ts';
import { openBenchDatabase } from './bench-database.ts';
import { runLoad, startBenchServer } from './run-load.ts';
import { createSeatedSessions } from './seated-sessions.ts';

// Enough sessions that each one heartbeats only every few seconds during the run, as in life
// (every 60 s): each heartbeat then really adds usage seconds, not a zero that is skipped.
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

const bench = await openBenchDatabase();
const db = bench.database.db;
process.stdout.write(`Heartbeat benchmark on ${bench.database.kind}: ${SESSIONS} open app sessions\n`);
const { organization } = await createOrganization(db, {
  name: 'Heartbeat bench',
  ownerEmail: `bench-owner-${Date.now()}@example.com`,
  ownerPassword: 'benchmark passphrase',
});
const tokens = await createSeatedSessions(db, organization.id, SESSIONS);

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
