// `npm run bench`: the Activity page, the Sign-ins log and sign-in against a bare Fastify route measured in the
// same run, and the sign-in log's insert path against a raw better-sqlite3 insert loop.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { insertSignInAttempts } from '../src/server/features/activity/activity.repository.ts';
import { createOrganization } from '../src/server/features/operator/create-organization.ts';
import { addSignInAggregates } from '../src/server/features/report-aggregates/index.ts';
import { encodeCursor } from '../src/server/http/paging.ts';
import { openBenchDatabase } from './bench-database.ts';
import { attemptRow, generateHistory } from './generate-history.ts';
import { type LoadResult, runLoad, startBenchServer } from './run-load.ts';

const HISTORY = Number(process.env.BENCH_HISTORY ?? 200_000);
const DEEP = Math.min(100_000, HISTORY - 100);
const INSERT_ROWS = 20_000;
const PASSWORD = 'benchmark passphrase';

const bench = await openBenchDatabase();
const { database, env } = bench;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-raw-'));
process.stdout.write(
  `Seatkeeper benchmark on ${database.kind}, ${HISTORY.toLocaleString('en')} sign-ins of one user\n`,
);

const { organization, ownerId } = await createOrganization(database.db, {
  name: 'Bench',
  ownerEmail: `bench-${Date.now()}@example.com`,
  ownerPassword: PASSWORD,
});
const owner = await database.db.selectFrom('users').selectAll().where('id', '=', ownerId).executeTakeFirstOrThrow();
const scope = { orgId: organization.id, userId: ownerId, email: owner.email };
await generateHistory(database.db, scope, HISTORY);

// Insert path vs a raw prepared-statement loop, same rows, same batch size, same durability.
const insertTimes = await measureInserts(database, scope);
const deep = await database.db
  .selectFrom('sign_in_attempts')
  .select(['occurred_at', 'id'])
  .where('org_id', '=', scope.orgId)
  .where('user_id', '=', scope.userId)
  .orderBy('occurred_at', 'desc')
  .orderBy('id', 'desc')
  .offset(DEEP)
  .limit(1)
  .executeTakeFirstOrThrow();

process.stdout.write('Baseline: bare Fastify route\n');
const bare = await startBenchServer('bare', env);
const baseline = await runLoad(bare.url, { name: 'bare GET /hello', path: '/hello' });
await bare.stop();

process.stdout.write('Seatkeeper\n');
const server = await startBenchServer('app', env);
const login = await fetch(`${server.url}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: owner.email, password: PASSWORD }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const activity = `/api/v1/users/${ownerId}/activity?limit=50`;
const signIns = '/api/v1/sign-ins?limit=50';
const results: LoadResult[] = [
  await runLoad(server.url, { name: 'Activity, first page (50 rows)', path: activity, headers: { cookie } }),
  await runLoad(server.url, {
    name: `Activity, ${DEEP.toLocaleString('en')} rows deep`,
    path: `${activity}&cursor=${encodeCursor([deep.occurred_at, 0, deep.id])}`,
    headers: { cookie },
  }),
  // The organization-wide log reads the same rows along the (org_id, occurred_at, id) index; a network
  // filter along the address index (one address in 16 of the history's 250 matches the /28).
  await runLoad(server.url, { name: 'Sign-ins, first page (50 rows)', path: signIns, headers: { cookie } }),
  await runLoad(server.url, {
    name: `Sign-ins, ${DEEP.toLocaleString('en')} rows deep`,
    path: `${signIns}&cursor=${encodeCursor([deep.occurred_at, deep.id])}`,
    headers: { cookie },
  }),
  await runLoad(server.url, {
    name: 'Sign-ins, network 81.2.69.0/28',
    path: `${signIns}&ip=${encodeURIComponent('81.2.69.0/28')}`,
    headers: { cookie },
  }),
  await runLoad(server.url, { name: 'Users list (50)', path: '/api/v1/users?limit=50', headers: { cookie } }),
  await runLoad(server.url, {
    name: 'Sign-in (argon2id + durable commit)',
    path: '/api/v1/auth/login',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: owner.email, password: PASSWORD }),
    connections: 10,
  }),
];
const peakRss = server.peakRss();
await server.stop();
await bench.cleanup();
fs.rmSync(dataDir, { recursive: true, force: true });

const rows = [baseline, ...results].map((result) => ({
  endpoint: result.name,
  'req/s': Math.round(result.requestsPerSecond),
  'p50 ms': result.p50,
  'p99 ms': result.p99,
  'vs bare': (result.requestsPerSecond / baseline.requestsPerSecond).toFixed(3),
  'non-2xx': result.non2xx + result.errors,
}));
console.table(rows);
console.table([
  {
    'insert path': `Kysely batched insert (${INSERT_ROWS} rows)`,
    'rows/s': Math.round(INSERT_ROWS / insertTimes.ours),
    'raw loop rows/s': Math.round(INSERT_ROWS / insertTimes.raw),
    ratio: (insertTimes.raw / insertTimes.ours).toFixed(3),
  },
]);
process.stdout.write(`Server peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB\n`);

async function measureInserts(handle: typeof database, who: typeof scope) {
  const rows = Array.from({ length: INSERT_ROWS }, (_, index) => attemptRow(who, Date.UTC(2020, 0, 1) + index, index));
  const started = performance.now();
  for (let start = 0; start < rows.length; start += 1000) {
    const batch = rows.slice(start, start + 1000);
    await handle.db.transaction().execute(async (trx) => {
      await insertSignInAttempts(trx, batch);
      await addSignInAggregates(trx, batch);
    });
  }
  const ours = (performance.now() - started) / 1000;
  let raw = Number.NaN;
  if (handle.kind === 'sqlite') {
    const file = path.join(dataDir, 'raw.sqlite');
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    const columns = Object.keys(rows[0] ?? {});
    sqlite.exec(`create table t (id integer primary key, ${columns.join(', ')})`);
    sqlite.exec('create index t_scope on t (org_id, user_id, occurred_at, id)');
    const insert = sqlite.prepare(
      `insert into t (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
    );
    const batch = sqlite.transaction((chunk: typeof rows) => {
      for (const row of chunk) insert.run(row);
    });
    const rawStarted = performance.now();
    for (let start = 0; start < rows.length; start += 1000) batch(rows.slice(start, start + 1000));
    raw = (performance.now() - rawStarted) / 1000;
    sqlite.close();
  }
  return { ours, raw };
}
