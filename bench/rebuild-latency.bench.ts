// Sign-in and /healthz latency while an organization's reports are recounted (a changed time
// zone): the same measured with no rebuild running, then during the background rebuild, through
// HTTP against a real server in this process (the rebuild shares its event loop and database
// connection, as in production). ATTEMPTS (default 1,000,000) raw sign-in attempts over USERS
// (default 1,000) users are seeded first.
//
//   npm run bench:rebuild                       # SQLite, 1,000,000 attempts
//   ATTEMPTS=200000 npm run bench:rebuild
//   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:rebuild
import { loadConfig } from '../src/server/config.ts';
import { createDeps } from '../src/server/create-deps.ts';
import { insertSignInAttempts, type NewSignInAttempt } from '../src/server/features/activity/activity.repository.ts';
import { createOrganization } from '../src/server/features/operator/create-organization.ts';
import { insertUser, newUserRow } from '../src/server/features/users/users.repository.ts';
import { buildApp } from '../src/server/http/app.ts';
import { openBenchDatabase } from './bench-database.ts';
import { attemptRow } from './generate-history.ts';

const ATTEMPTS = Number(process.env.ATTEMPTS ?? 1_000_000);
const USERS = Number(process.env.USERS ?? 1_000);
const PASSWORD = 'correct horse battery staple';
const ACCOUNTS = 8;

const scratch = await openBenchDatabase();
const log = (line: string) => process.stdout.write(`${line}\n`);
try {
  // Seed: an organization, its users, and the raw attempts (a year back, a minute apart per user).
  const seedDb = scratch.database.db;
  const emails = Array.from({ length: ACCOUNTS }, (_, index) => `member${index}@bench.example`);
  const { organization, ownerId } = await createOrganization(seedDb, {
    name: 'Rebuild bench',
    timeZone: 'UTC',
    ownerEmail: 'owner@bench.example',
    ownerPassword: PASSWORD,
  });
  const orgId = organization.id;
  const userIds: string[] = [ownerId];
  for (let index = 1; index < USERS; index++) {
    const user = newUserRow({
      orgId,
      email: `user${index}@bench.example`,
      name: `User ${index}`,
      role: 'member',
      passwordHash: null,
      now: Date.now(),
    });
    await insertUser(seedDb, user);
    userIds.push(user.id);
  }
  const started = performance.now();
  const perUser = Math.ceil(ATTEMPTS / USERS);
  const end = Date.now();
  let written = 0;
  while (written < ATTEMPTS) {
    const rows: NewSignInAttempt[] = [];
    for (let index = 0; index < 5000 && written < ATTEMPTS; index++, written++) {
      const userIndex = written % USERS;
      const nth = Math.floor(written / USERS);
      const at = end - nth * Math.floor((365 * 86_400_000) / perUser) - userIndex * 1000;
      rows.push(
        attemptRow({ orgId, userId: userIds[userIndex] ?? ownerId, email: 'someone@bench.example' }, at, written),
      );
    }
    await seedDb.transaction().execute((trx) => insertSignInAttempts(trx, rows));
  }
  log(`seeded ${ATTEMPTS} attempts over ${USERS} users in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await scratch.database.close();

  // The server, with its own connection (the configured defaults).
  const deps = await createDeps(loadConfig({ ...process.env, ...scratch.env, DEMO: '0' }));
  const app = await buildApp(deps, { webDistDir: false, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // Sign-in accounts (owners, so the throttle never sees a failure), one per round-robin slot.
  for (const email of emails) {
    await createOrganization(deps.database.db, {
      name: email,
      timeZone: 'UTC',
      ownerEmail: email,
      ownerPassword: PASSWORD,
    });
  }
  const login = async (email: string) => {
    const response = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 bench' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
    return response;
  };
  const owner = await login('owner@bench.example');
  const cookie = owner.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const { csrfToken } = (await owner.json()) as { csrfToken: string };

  /** Sign-ins and /healthz, one after another, timed, until `until()` says stop (or `count` each). */
  const measure = async (until: () => boolean, count: number) => {
    const signIns: number[] = [];
    const health: number[] = [];
    for (let round = 0; round < count && !until(); round++) {
      let at = performance.now();
      await login(emails[round % emails.length] ?? '');
      signIns.push(performance.now() - at);
      for (let probe = 0; probe < 5; probe++) {
        at = performance.now();
        const response = await fetch(`${base}/healthz`);
        await response.arrayBuffer();
        health.push(performance.now() - at);
      }
    }
    return { signIns, health };
  };

  const idle = await measure(() => false, 60);
  let finished = false;
  const rebuildStarted = performance.now();
  const patched = await fetch(`${base}/api/v1/organization`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ timeZone: 'Australia/Sydney' }),
  });
  const patchMs = performance.now() - rebuildStarted;
  if (patched.status !== 200) throw new Error(`PATCH answered ${patched.status}: ${await patched.text()}`);
  const watch = (async () => {
    for (;;) {
      const state = await deps.database.db
        .selectFrom('report_rebuilds')
        .select(['status', 'users_done', 'users_total'])
        .where('org_id', '=', orgId)
        .executeTakeFirstOrThrow();
      if (state.status !== 'running') {
        finished = true;
        return state;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  const during = await measure(() => finished, Number.POSITIVE_INFINITY);
  const final = await watch;
  const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;

  const pct = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  };
  const row = (label: string, before: number[], meanwhile: number[]) => {
    const [b50, b99, d50, d99] = [pct(before, 50), pct(before, 99), pct(meanwhile, 50), pct(meanwhile, 99)];
    log(
      `${label.padEnd(9)} idle p50 ${b50.toFixed(1)} ms p99 ${b99.toFixed(1)} ms (n=${before.length}) | ` +
        `rebuilding p50 ${d50.toFixed(1)} ms p99 ${d99.toFixed(1)} ms (n=${meanwhile.length}) | ` +
        `ratio p50 ×${(d50 / b50).toFixed(2)} p99 ×${(d99 / b99).toFixed(2)}`,
    );
  };
  log(`${deps.database.kind}: ${ATTEMPTS} attempts, ${USERS} users`);
  log(`PATCH answered in ${patchMs.toFixed(1)} ms; rebuild ${final.status} in ${rebuildSeconds.toFixed(1)} s`);
  log(`(${final.users_done}/${final.users_total} users, ${(ATTEMPTS / rebuildSeconds).toFixed(0)} attempts/s)`);
  row('sign-in', idle.signIns, during.signIns);
  row('/healthz', idle.health, during.health);
  await app.close();
  await deps.close();
} finally {
  await scratch.cleanup();
}
