// `npm run bench:sign-in`: whole console sign-ins (validation, throttle, argon2id, the recorded attempt with its
// risk flags and alerts, the session, the durable commit) of many accounts at once, against the bare password
// check (argon2id verify) at the same concurrency, in the same run. Each sign-in is a different account, from its
// usual address and browser, so the throttle never refuses one and every answer is a real sign-in; the ratio is
// what everything but the password hash costs. Runs in-process (app.inject): the HTTP server's own cost is the
// activity benchmark's business.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/server/config.ts';
import { createDeps } from '../src/server/create-deps.ts';
import { hashPassword, verifyPassword } from '../src/server/features/auth/passwords.ts';
import { createOrganization } from '../src/server/features/operator/create-organization.ts';
import { buildApp } from '../src/server/http/app.ts';

const ACCOUNTS = 200;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PASSWORD = 'benchmark passphrase';
const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-sign-in-bench-'));
const deps = await createDeps(loadConfig({ DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'silent' }));
const app = await buildApp(deps, { webDistDir: false });
process.stdout.write(
  `Sign-in benchmark on ${deps.database.kind}: ${ACCOUNTS} accounts, ${CONCURRENCY} at once, ${SECONDS} s each\n`,
);

// One organization of ACCOUNTS owners (any role signs in the same way), each with an address of its own.
const { organization } = await createOrganization(deps.database.db, {
  name: 'Bench',
  ownerEmail: 'bench-0@example.com',
  ownerPassword: PASSWORD,
});
const hash = await hashPassword(PASSWORD);
const now = Date.now();
const rows = Array.from({ length: ACCOUNTS - 1 }, (_, index) => ({
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
}));
await deps.database.db.insertInto('users').values(rows).execute();
const addressOf = (index: number) => `81.2.69.${(index % 200) + 1}`;

/** Runs `task` from CONCURRENCY loops for SECONDS; answers completions per second and how many failed. */
async function load(name: string, task: (index: number) => Promise<boolean>) {
  process.stdout.write(`  ${name}…\n`);
  const until = performance.now() + SECONDS * 1000;
  let next = 0;
  let done = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const ok = await task(next++ % ACCOUNTS);
        if (ok) done++;
        else failed++;
      }
    }),
  );
  return { name, perSecond: done / SECONDS, failed };
}

// Warm both paths (JIT, page cache) before measuring.
for (let index = 0; index < ACCOUNTS; index++) await signIn(index);

const baseline = await load('baseline: argon2id verify alone', async () => verifyPassword(hash, PASSWORD));
const seatkeeper = await load('POST /api/v1/auth/login (whole sign-in)', signIn);

console.table(
  [baseline, seatkeeper].map((result) => ({
    measure: result.name,
    'per second': Math.round(result.perSecond),
    failed: result.failed,
    'vs argon2 alone': (result.perSecond / baseline.perSecond).toFixed(3),
  })),
);
await app.close();
await deps.close();
fs.rmSync(dataDir, { recursive: true, force: true });

async function signIn(index: number): Promise<boolean> {
  const answer = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: addressOf(index),
    headers: { 'user-agent': USER_AGENT },
    payload: { email: `bench-${index}@example.com`, password: PASSWORD },
  });
  return answer.statusCode === 200;
}
