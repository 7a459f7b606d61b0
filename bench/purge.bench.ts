// `npm run bench:purge`: console sign-in latency (p50, p99) with no purge running, then while the retention
// job deletes BENCH_PURGE_ROWS (1,000,000) two-year-old sign-in attempts, in the same run and the same process
// (the job runs inside a server process, so on SQLite its statements share the event loop with the sign-ins:
// the worst case). Also the password hash alone (argon2id verify: most of a sign-in) and the purge's throughput.
// SQLite by default; PostgreSQL when BENCH_POSTGRES_URL names a server (bench-database.ts).
import { loadConfig } from '../src/server/config.ts';
import { createDeps } from '../src/server/create-deps.ts';
import { hashPassword, verifyPassword } from '../src/server/features/auth/passwords.ts';
import { createOrganization } from '../src/server/features/operator/create-organization.ts';
import { RETENTION_BATCH, runRetention } from '../src/server/features/retention/index.ts';
import { buildApp } from '../src/server/http/app.ts';
import { DAY_MS } from '../src/server/lib/time.ts';
import { openBenchDatabase } from './bench-database.ts';

const ROWS = Number(process.env.BENCH_PURGE_ROWS ?? 1_000_000);
const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 300);
const ACCOUNTS = 300;
const PASSWORD = 'benchmark passphrase';
const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

const bench = await openBenchDatabase();
const deps = await createDeps(loadConfig({ ...bench.env, DEMO: '0', LOG_LEVEL: 'silent' }));
const app = await buildApp(deps, { webDistDir: false });
const db = bench.database.db;
process.stdout.write(
  `Purge benchmark on ${deps.database.kind}: ${ROWS.toLocaleString('en')} old attempts, ${SIGN_INS} sign-ins per phase, batches of ${RETENTION_BATCH}\n`,
);

const { organization } = await createOrganization(db, {
  name: 'Bench',
  ownerEmail: 'bench-0@example.com',
  ownerPassword: PASSWORD,
});
const hash = await hashPassword(PASSWORD);
const now = Date.now();
await db
  .insertInto('users')
  .values(
    Array.from({ length: ACCOUNTS - 1 }, (_, index) => ({
      id: `bench-user-${index + 1}`,
      org_id: organization.id,
      email: `bench-${index + 1}@example.com`,
      email_normalized: `bench-${index + 1}@example.com`,
      name: `Bench ${index + 1}`,
      role: 'owner' as const,
      status: 'active' as const,
      password_hash: hash,
      created_at: now,
      updated_at: now,
    })),
  )
  .execute();

// The raw events to purge: two years old, spread over a year, in large insert batches (no aggregates:
// the purge never reads or touches them).
const GENERATE_BATCH = 2_000;
const TRANSACTION_ROWS = 50_000;
const oldest = now - 730 * DAY_MS;
const generateStarted = performance.now();
for (let start = 0; start < ROWS; start += TRANSACTION_ROWS) {
  await db.transaction().execute(async (trx) => {
    for (let batch = start; batch < Math.min(ROWS, start + TRANSACTION_ROWS); batch += GENERATE_BATCH) {
      const rows = Array.from({ length: Math.min(GENERATE_BATCH, ROWS - batch) }, (_, offset) => {
        const index = batch + offset;
        return {
          org_id: organization.id,
          user_id: `bench-user-${(index % (ACCOUNTS - 1)) + 1}`,
          email: `bench-${(index % (ACCOUNTS - 1)) + 1}@example.com`,
          occurred_at: oldest + Math.floor((index / ROWS) * 365 * DAY_MS),
          outcome: index % 10 === 0 ? ('failure' as const) : ('success' as const),
          failure_reason: index % 10 === 0 ? 'wrong_password' : null,
          client: 'console',
          ip: `81.2.${(index >> 8) % 256}.${index % 256}`,
          country_code: 'GB',
          device_type: 'desktop',
          browser: 'Chrome',
          risk: '[]',
        };
      });
      await trx.insertInto('sign_in_attempts').values(rows).execute();
    }
  });
  process.stdout.write(`  generated ${Math.min(ROWS, start + TRANSACTION_ROWS).toLocaleString('en')} attempts\n`);
}
process.stdout.write(`  generation took ${((performance.now() - generateStarted) / 1000).toFixed(0)} s\n`);

const addressOf = (index: number) => `81.2.69.${(index % 200) + 1}`;
async function signIn(index: number): Promise<number> {
  const started = performance.now();
  const answer = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: addressOf(index),
    headers: { 'user-agent': USER_AGENT },
    payload: { email: `bench-${index % ACCOUNTS}@example.com`, password: PASSWORD },
  });
  if (answer.statusCode !== 200) throw new Error(`sign-in answered ${answer.statusCode}: ${answer.body}`);
  return performance.now() - started;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

// Warm up (JIT, page cache), then the hash alone, then the two phases.
for (let index = 0; index < 20; index++) await signIn(index);
const hashOnly: number[] = [];
for (let index = 0; index < 50; index++) {
  const started = performance.now();
  await verifyPassword(hash, PASSWORD);
  hashOnly.push(performance.now() - started);
}

process.stdout.write('  (a) sign-ins, no purge…\n');
const quiet: number[] = [];
for (let index = 0; index < SIGN_INS; index++) quiet.push(await signIn(index));

process.stdout.write('  (b) sign-ins while the purge runs…\n');
const during: number[] = [];
let purging = true;
const purgeStarted = performance.now();
const purge = runRetention(deps.database.db, { now: () => Date.now() }).finally(() => {
  purging = false;
});
// Sign-ins one after another for as long as the purge runs (at least SIGN_INS of them measured while it runs).
let index = 0;
while (purging) {
  const latency = await signIn(index++);
  if (purging) during.push(latency);
}
const outcome = await purge;
const purgeSeconds = (performance.now() - purgeStarted) / 1000;
if (outcome.status !== 'done') throw new Error(`purge ${outcome.status}`);
const deleted = outcome.result.totals.signInAttemptsDeleted;

const row = (name: string, values: number[]) => ({
  measure: name,
  'sign-ins': values.length,
  'p50 ms': percentile(values, 50).toFixed(1),
  'p99 ms': percentile(values, 99).toFixed(1),
});
console.table([
  row('argon2id verify alone', hashOnly),
  row('(a) sign-in, no purge', quiet),
  row('(b) sign-in during the purge', during),
]);
process.stdout.write(
  `  ratio (b)/(a): p50 ×${(percentile(during, 50) / percentile(quiet, 50)).toFixed(2)}, p99 ×${(percentile(during, 99) / percentile(quiet, 99)).toFixed(2)}\n` +
    `  purge: ${deleted.toLocaleString('en')} attempts deleted in ${purgeSeconds.toFixed(1)} s (${Math.round(deleted / purgeSeconds).toLocaleString('en')} rows/s) while ${during.length} sign-ins ran\n`,
);
if (during.length < SIGN_INS) {
  process.stdout.write(
    `  note: the purge ended before ${SIGN_INS} sign-ins; raise BENCH_PURGE_ROWS for more samples\n`,
  );
}

await app.close();
await deps.close();
await bench.cleanup();
