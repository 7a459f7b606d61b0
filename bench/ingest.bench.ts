// `npm run bench:ingest`: sign-in events per second through POST /api/v1/events (a real HTTP server process,
// an API token, batches of BENCH_BATCH events: checks, idempotency keys, device, GeoIP, risk flags from each
// user's history, alerts, report aggregates, the durable commits) against a raw insert loop of the same rows
// into the same table (sign_in_attempts, one INSERT a row, one transaction a batch) in the same run and the
// same database. On SQLite, and on PostgreSQL when BENCH_POSTGRES_URL (or the local test server) answers.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { createOrganization } from '../src/server/features/operator/create-organization.ts';
import { insertUsers, newUserRow } from '../src/server/features/users/users.repository.ts';
import { openBenchDatabase } from './bench-database.ts';

// Defaults keep a run under ~3 minutes on a busy two-core machine (PostgreSQL's round trips make it the slower).
const SQLITE_EVENTS = Number(process.env.BENCH_EVENTS ?? 5_000);
const POSTGRES_EVENTS = Number(process.env.BENCH_PG_EVENTS ?? 1_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1_000);
const USERS = 200;
const PASSWORD = 'benchmark passphrase';
const DAY = 86_400_000;
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
];

interface Figures {
  database: string;
  events: number;
  endpointPerSecond: number;
  rawPerSecond: number;
}

const results: Figures[] = [];
results.push(await runOn('sqlite'));
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? ((await reachable(LOCAL_POSTGRES)) ? LOCAL_POSTGRES : undefined);
if (postgresUrl) {
  process.env.BENCH_POSTGRES_URL = postgresUrl;
  results.push(await runOn('postgres'));
} else {
  process.stdout.write('PostgreSQL not reachable (set BENCH_POSTGRES_URL): SQLite only.\n');
}
console.table(
  results.map((result) => ({
    database: result.database,
    events: result.events,
    'POST /api/v1/events (events/s)': Math.round(result.endpointPerSecond),
    'raw insert loop (rows/s)': Math.round(result.rawPerSecond),
    ratio: Number((result.endpointPerSecond / result.rawPerSecond).toFixed(2)),
  })),
);

async function runOn(kind: 'sqlite' | 'postgres'): Promise<Figures> {
  if (kind === 'sqlite') delete process.env.BENCH_POSTGRES_URL;
  const EVENTS = kind === 'sqlite' ? SQLITE_EVENTS : POSTGRES_EVENTS;
  const bench = await openBenchDatabase();
  const db = bench.database.db;
  process.stdout.write(`Ingest benchmark on ${bench.database.kind}: ${EVENTS} events in batches of ${BATCH}\n`);
  const server = await startServer(bench.env);
  try {
    const { organization } = await createOrganization(db, {
      name: 'Northwind',
      ownerEmail: 'owner@northwind.example',
      ownerPassword: PASSWORD,
    });
    const now = Date.now();
    const users = Array.from({ length: USERS }, (_, index) =>
      newUserRow({
        orgId: organization.id,
        email: `person-${index}@northwind.example`,
        name: `Person ${index}`,
        role: 'member',
        passwordHash: null,
        now,
      }),
    );
    await insertUsers(db, users);
    const token = await fullToken(server.url);
    const events = Array.from({ length: EVENTS }, (_, index) => ({
      idempotencyKey: `bench-${index}`,
      email: `person-${index % USERS}@northwind.example`,
      // Spread over the last 30 days, oldest first within each user, as an export reads.
      occurredAt: new Date(now - 30 * DAY + Math.floor((index / EVENTS) * 30 * DAY)).toISOString(),
      ip: `81.2.69.${(index % 50) + 1}`,
      userAgent: AGENTS[index % AGENTS.length],
      outcome: index % 10 === 0 ? 'failure' : 'success',
      ...(index % 10 === 0 ? { failureReason: 'invalid_password' } : {}),
    }));

    process.stdout.write('  POST /api/v1/events…\n');
    const started = performance.now();
    for (let start = 0; start < events.length; start += BATCH) {
      const response = await fetch(`${server.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(events.slice(start, start + BATCH)),
      });
      const answer = (await response.json()) as { accepted: number; rejected: unknown[] };
      if (response.status !== 200 || answer.accepted !== Math.min(BATCH, events.length - start)) {
        throw new Error(`batch at ${start}: ${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(`    ${Math.min(start + BATCH, events.length)}/${events.length} (${seconds} s)\n`);
    }
    const endpointSeconds = (performance.now() - started) / 1000;

    // The same rows as stored, inserted again one statement each, one transaction per batch.
    // The ingested ones ('sso'), not the owner's console sign-in that made the token.
    const stored = await db
      .selectFrom('sign_in_attempts')
      .selectAll()
      .where('org_id', '=', organization.id)
      .where('method', '=', 'sso')
      .execute();
    const rows = stored.map(({ id: _id, ...row }) => row);
    process.stdout.write(`  raw insert loop of ${rows.length} rows…\n`);
    const rawStarted = performance.now();
    for (let start = 0; start < rows.length; start += BATCH) {
      await db.transaction().execute(async (trx) => {
        for (const row of rows.slice(start, start + BATCH))
          await trx.insertInto('sign_in_attempts').values(row).execute();
      });
    }
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    return {
      database: bench.database.kind,
      events: EVENTS,
      endpointPerSecond: EVENTS / endpointSeconds,
      rawPerSecond: rows.length / rawSeconds,
    };
  } finally {
    server.process.kill('SIGTERM');
    await new Promise((resolve) => server.process.once('exit', resolve));
    await bench.cleanup();
  }
}

async function startServer(env: Record<string, string>): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'bench-server.ts'), 'app'], {
    env: {
      ...process.env,
      ...env,
      DEMO: '0',
      LOG_LEVEL: 'silent',
      // The benchmark measures throughput; load shedding would measure the machine's other work.
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (line.startsWith('LISTENING ')) return { url: line.slice('LISTENING '.length), process: child };
  }
  throw new Error('the server exited before listening');
}

/** Signs the owner in and makes an API token of full scope, as an owner would in Settings. */
async function fullToken(url: string): Promise<string> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@northwind.example', password: PASSWORD }),
  });
  const session = login.headers.getSetCookie().find((entry) => entry.startsWith('sk_session='));
  const cookie = session?.split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await fetch(`${url}/api/v1/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'ingest benchmark', scope: 'full' }),
  });
  if (created.status !== 201) throw new Error(`token: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
