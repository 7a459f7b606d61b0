// `npm run bench:load`: the whole server under load, one process and two (issue 15). Each workload —
// sign-ins, heartbeats, the Activity page, a report, bulk ingest — runs alone for BENCH_SECONDS, then
// all of them at once ("mixed"); each is shown against its baseline measured in the same run:
//   - HTTP routes against a bare Fastify route (in as many processes as the server under test);
//   - sign-ins against argon2id verify alone at the same concurrency (what the hash costs);
//   - ingest against a raw insert loop of the same rows into sign_in_attempts.
// SQLite by default (one process: several need PostgreSQL); BENCH_POSTGRES_URL=postgres://… runs it on
// a scratch PostgreSQL database with one process and two (`cluster`, WORKERS=2), over Redis when
// BENCH_REDIS_URL is set. Figures go to README § Benchmarks › Load.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import { API_TOKEN_PREFIX, API_TOKEN_PREFIX_LENGTH } from '../src/contract/api-tokens.ts';
import { insertSignInAttempts } from '../src/server/features/activity/activity.repository.ts';
import { insertApiToken } from '../src/server/features/api-tokens/api-tokens.repository.ts';
import { hashPassword, verifyPassword } from '../src/server/features/auth/passwords.ts';
import { createOrganization } from '../src/server/features/operator/create-organization.ts';
import { insertUser, newUserRow } from '../src/server/features/users/users.repository.ts';
import { createSecureToken, hashToken } from '../src/server/lib/secure-token.ts';
import { DAY_MS } from '../src/server/lib/time.ts';
import { openBenchDatabase } from './bench-database.ts';
import { attemptRow, generateHistory } from './generate-history.ts';
import { startBenchServer } from './run-load.ts';
import { createSeatedSessions } from './seated-sessions.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 20_000);
const SIGN_IN_USERS = 200;
const HISTORY = Number(process.env.BENCH_HISTORY ?? 50_000);
const INGEST_BATCH = 1_000;
const PASSWORD = 'benchmark passphrase';

const bench = await openBenchDatabase();
const { database } = bench;
const db = database.db;
const kind = database.kind;
const processCounts = (process.env.BENCH_PROCESSES ?? (kind === 'postgres' ? '1,2' : '1')).split(',').map(Number);
if (kind === 'sqlite' && processCounts.some((count) => count > 1)) {
  throw new Error('Several processes need PostgreSQL: set BENCH_POSTGRES_URL (see docs/scaling.md).');
}
const serverEnv: Record<string, string> = {
  ...bench.env,
  ...(process.env.BENCH_REDIS_URL ? { REDIS_URL: process.env.BENCH_REDIS_URL } : {}),
};
process.stdout.write(`Load benchmark on ${kind}, ${processCounts.join(' and ')} process(es), ${SECONDS} s a run\n`);

/* ---------- the data ---------- */

const now = Date.now();
const { organization, ownerId } = await createOrganization(db, {
  name: 'Load bench',
  ownerEmail: `load-owner-${now}@example.com`,
  ownerPassword: PASSWORD,
});
const orgId = organization.id;
const owner = await db.selectFrom('users').select(['id', 'email']).where('id', '=', ownerId).executeTakeFirstOrThrow();
await generateHistory(db, { orgId, userId: owner.id, email: owner.email }, HISTORY);
const heartbeatTokens = await createSeatedSessions(db, orgId, SESSIONS);
// Sign-in users share one argon2id hash (hashing 200 passwords is not what we measure).
const passwordHash = await hashPassword(PASSWORD);
const signInEmails: string[] = [];
for (let index = 0; index < SIGN_IN_USERS; index++) {
  const user = newUserRow({
    orgId,
    email: `load-${now}-${index}@example.com`,
    name: `Load ${index}`,
    role: 'member',
    passwordHash,
    now,
  });
  await insertUser(db, user);
  signInEmails.push(user.email);
}
const apiToken = `${API_TOKEN_PREFIX}${createSecureToken()}`;
await insertApiToken(db, {
  id: randomUUID(),
  org_id: orgId,
  created_by: ownerId,
  name: 'load bench',
  scope: 'full',
  token_hash: hashToken(apiToken),
  prefix: apiToken.slice(0, API_TOKEN_PREFIX_LENGTH),
  created_at: now,
  expires_at: null,
  last_used_at: null,
  last_used_ip: null,
  revoked_at: null,
  revoked_by: null,
});
const bearer = { authorization: `Bearer ${apiToken}` };
const ingestEmails = signInEmails.slice(0, 50);

/* ---------- the workloads ---------- */

interface Workload {
  name: string;
  connections: number;
  /** What one 2xx answer counts for (events per ingest batch). */
  unitsPerAnswer?: number;
  request: (baseUrl: string) => autocannon.Options;
}

let heartbeatNext = 0;
let signInNext = 0;
let ingestSerial = 0;
const WORKLOADS: Workload[] = [
  {
    name: 'sign-in (console, argon2id)',
    connections: 8,
    request: (url) => ({
      url: `${url}/api/v1/auth/login`,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => {
            signInNext = (signInNext + 1) % signInEmails.length;
            return { ...request, body: JSON.stringify({ email: signInEmails[signInNext], password: PASSWORD }) };
          },
        },
      ],
    }),
  },
  {
    name: 'heartbeat',
    connections: 50,
    request: (url) => ({
      url: `${url}/api/v1/app/sessions/current/heartbeat`,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            heartbeatNext = (heartbeatNext + 1) % heartbeatTokens.length;
            const headers = { ...request.headers, authorization: `Bearer ${heartbeatTokens[heartbeatNext]}` };
            return { ...request, headers };
          },
        },
      ],
    }),
  },
  {
    name: 'Activity page (50 rows)',
    connections: 20,
    request: (url) => ({ url: `${url}/api/v1/users/${owner.id}/activity?limit=50`, headers: bearer }),
  },
  {
    name: 'report: sign-ins per user, 30 days, a page of 50',
    connections: 10,
    request: (url) => ({ url: `${url}/api/v1/reports/logins?${range(30)}&limit=50`, headers: bearer }),
  },
  {
    name: `ingest (batches of ${INGEST_BATCH})`,
    connections: 4,
    unitsPerAnswer: INGEST_BATCH,
    request: (url) => ({
      url: `${url}/api/v1/events`,
      requests: [
        {
          method: 'POST',
          headers: { ...bearer, 'content-type': 'application/json' },
          setupRequest: (request) => ({ ...request, body: JSON.stringify(ingestBatch()) }),
        },
      ],
    }),
  },
];

/** A batch of new events (fresh idempotency keys), of the last hour, from the sign-in users. */
function ingestBatch() {
  const batch = ingestSerial++;
  const events = [];
  for (let index = 0; index < INGEST_BATCH; index++) {
    events.push({
      idempotencyKey: `load-${now}-${batch}-${index}`,
      email: ingestEmails[index % ingestEmails.length],
      occurredAt: new Date(Date.now() - ((index * 3_600) % 3_600_000)).toISOString(),
      ip: `81.2.69.${index % 250}`,
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
      outcome: index % 10 === 0 ? 'failure' : 'success',
      ...(index % 10 === 0 ? { failureReason: 'invalid_password' } : {}),
    });
  }
  return events;
}

function range(days: number): string {
  const to = new Date();
  const from = new Date(to.getTime() - days * DAY_MS);
  return `from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}`;
}

interface Figure {
  processes: number;
  workload: string;
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
  baseline: string;
  /** The baseline's figure (per second) this workload is divided by. */
  baselinePerSecond: number;
}
const figures: Figure[] = [];

async function drive(baseUrl: string, workload: Workload) {
  const result = await autocannon({
    ...workload.request(baseUrl),
    connections: workload.connections,
    duration: SECONDS,
  });
  const answered = result.requests.total - result.non2xx;
  return {
    perSecond: (answered * (workload.unitsPerAnswer ?? 1)) / SECONDS,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors,
  };
}

/* ---------- the baselines that do not depend on the server ---------- */

process.stdout.write('Baseline: argon2id verify alone, 8 at a time\n');
const verifiesPerSecond = await measureVerifies(8);
process.stdout.write('Baseline: raw insert loop of ingest rows\n');
const rawInsertsPerSecond = await measureRawInserts();

for (const processes of processCounts) {
  process.stdout.write(`\n${processes} process(es)\n  baseline: bare Fastify route\n`);
  const bare = await startServer('bare', processes);
  const bareResult = await autocannon({ url: `${bare.url}/hello`, connections: 50, duration: SECONDS });
  const barePerSecond = bareResult.requests.average;
  await bare.stop();
  figures.push({
    processes,
    workload: 'bare route (baseline)',
    perSecond: barePerSecond,
    p50: bareResult.latency.p50,
    p99: bareResult.latency.p99,
    failed: bareResult.non2xx + bareResult.errors,
    baseline: '—',
    baselinePerSecond: barePerSecond,
  });

  const server = await startServer('app', processes);
  for (const workload of WORKLOADS) {
    process.stdout.write(`  ${workload.name}: ${SECONDS} s at ${workload.connections} connections…\n`);
    figures.push({
      processes,
      workload: workload.name,
      ...(await drive(server.url, workload)),
      ...baselineOf(workload),
    });
  }
  process.stdout.write(`  mixed: every workload at once for ${SECONDS} s…\n`);
  const mixed = await Promise.all(WORKLOADS.map((workload) => drive(server.url, workload)));
  WORKLOADS.forEach((workload, index) => {
    const result = mixed[index];
    if (result) figures.push({ processes, workload: `mixed: ${workload.name}`, ...result, ...baselineOf(workload) });
  });
  await server.stop();

  function baselineOf(workload: Workload) {
    if (workload.name.startsWith('sign-in'))
      return { baseline: 'argon2id verify', baselinePerSecond: verifiesPerSecond };
    if (workload.unitsPerAnswer) return { baseline: 'raw insert loop', baselinePerSecond: rawInsertsPerSecond };
    return { baseline: 'bare route', baselinePerSecond: barePerSecond };
  }
}
await bench.cleanup();

console.table(
  figures.map((figure) => ({
    processes: figure.processes,
    workload: figure.workload,
    'per s': Math.round(figure.perSecond),
    'p50 ms': figure.p50,
    'p99 ms': figure.p99,
    failed: figure.failed,
    against: figure.baseline,
    ratio: (figure.perSecond / figure.baselinePerSecond).toFixed(3),
  })),
);
process.stdout.write(
  `Baselines: argon2id verify ${Math.round(verifiesPerSecond)}/s; raw insert loop ${Math.round(rawInsertsPerSecond)} rows/s (${kind}).\n` +
    'Per s counts answered requests (events for ingest); "failed" counts non-2xx answers and errors.\n',
);
process.exit(0);

/* ---------- helpers ---------- */

async function measureVerifies(concurrency: number): Promise<number> {
  const started = performance.now();
  let done = 0;
  const until = started + 3_000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await verifyPassword(passwordHash, PASSWORD);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/** The same rows ingest would store, inserted in batches of INGEST_BATCH with one transaction each. */
async function measureRawInserts(): Promise<number> {
  const scope = { orgId, userId: owner.id, email: owner.email };
  const batches = 10;
  const started = performance.now();
  for (let batch = 0; batch < batches; batch++) {
    const rows = Array.from({ length: INGEST_BATCH }, (_, index) =>
      attemptRow(scope, Date.now() - index * 1_000, batch * INGEST_BATCH + index),
    );
    await db.transaction().execute((trx) => insertSignInAttempts(trx, rows));
  }
  return (batches * INGEST_BATCH) / ((performance.now() - started) / 1000);
}

/** The bare route or Seatkeeper, in one process (bench-server.ts) or `processes` workers (`cluster`). */
async function startServer(mode: 'bare' | 'app', processes: number) {
  if (processes === 1) return startBenchServer(mode, serverEnv);
  const port = await freePort();
  const args =
    mode === 'bare'
      ? ['--import', 'tsx', 'bench/bench-server.ts', 'bare-cluster', String(processes), String(port)]
      : ['bin/seatkeeper.js', 'cluster', '--workers', String(processes), '--no-web-build'];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...serverEnv, LOG_LEVEL: 'silent', DEMO: '0', PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      if (/running at|LISTENING/.test(buffer)) resolve();
      buffer = buffer.slice(-500);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
