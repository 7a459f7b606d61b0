// `npm run bench:reports`: every report over 30 and 365 days, and the Activity page at the first page
// and 100,000 rows deep, on a generated organization (10,000 users, BENCH_SIGN_INS sign-in attempts
// over a year, a year of app usage); then the sign-ins are doubled and the growth ratio printed.
// BENCH_POSTGRES_URL=postgres://… runs it on PostgreSQL (ANALYZE after each bulk load and rebuild, as
// an operator does after an import). The per-user tables are timed whole and as one sorted page of 50.
import { sql } from 'kysely';
import type { Db } from '../src/server/db/database.ts';
import { insertSignInAttempts, type NewSignInAttempt } from '../src/server/features/activity/activity.repository.ts';
import { SeededRandom } from '../src/server/features/demo/random.ts';
import { createOrganization } from '../src/server/features/operator/create-organization.ts';
import { addProduct, addSubscription } from '../src/server/features/operator/manage-subscriptions.ts';
import { readFailingAddresses, rebuildReportAggregates } from '../src/server/features/report-aggregates/index.ts';
import { insertUser, newUserRow } from '../src/server/features/users/users.repository.ts';
import { addDays, localToday } from '../src/server/lib/local-date.ts';
import { startProgress } from '../src/server/lib/progress.ts';
import { DAY_MS } from '../src/server/lib/time.ts';
import { openBenchDatabase } from './bench-database.ts';
import { startBenchServer } from './run-load.ts';

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 10_000_000);
// The share of attempts that fail, from random addresses (an attack raises it).
const FAILURE_SHARE = Number(process.env.BENCH_FAILURE_SHARE ?? 0.08);
const HEAVY_USER_SHARE = 0.02; // one user gets 2 % of all attempts: the Activity page's deep end
const ZONE = 'Europe/Berlin';
const PASSWORD = 'benchmark passphrase';
const BATCH = 5000;
const DEVICES = [
  { type: 'desktop', os: 'Windows', browser: 'Chrome' },
  { type: 'mobile', os: 'iOS', browser: 'Mobile Safari' },
  { type: 'desktop', os: 'macOS', browser: 'Safari' },
  { type: 'mobile', os: 'Android', browser: 'Chrome' },
  { type: 'tablet', os: 'iOS', browser: 'Mobile Safari' },
];
const COUNTRIES = ['GB', 'DE', 'AU', 'US', 'JP', 'FR', 'IN'];

const bench = await openBenchDatabase();
const db = bench.database.db;
const random = new SeededRandom(7);
const now = Date.now();
process.stdout.write(
  `Reports benchmark on ${bench.database.kind}: ${USERS} users, ${SIGN_INS.toLocaleString('en')} sign-ins, ${FAILURE_SHARE * 100} % failing\n`,
);
const org = await seedOrganization(db);
await generateSignIns(db, org, SIGN_INS);
await generateUsage(db, org);
const firstRebuild = await rebuild(org.orgId);

const first = await measure('1×');
await generateSignIns(db, org, SIGN_INS);
const secondRebuild = await rebuild(org.orgId);
const second = await measure('2×');
await bench.cleanup();

console.table(
  first.map((row, index) => ({
    query: row.name,
    'median ms (1×)': row.median.toFixed(1),
    'median ms (2×)': second[index]?.median.toFixed(1),
    growth: ((second[index]?.median ?? 0) / row.median).toFixed(2),
  })),
);
process.stdout.write(
  `Server peak RSS: ${(Math.max(...[first, second].map((run) => run.peakRss ?? 0)) / 1024 / 1024) | 0} MB\n`,
);
for (const [label, run] of [
  ['1×', firstRebuild],
  ['2×', secondRebuild],
] as const) {
  process.stdout.write(
    `Catch-up job (${label}): ${run.attempts.toLocaleString('en')} attempts of ${run.users.toLocaleString('en')} users in ${run.seconds.toFixed(0)} s (${Math.round(run.attempts / run.seconds).toLocaleString('en')} attempts/s)\n`,
  );
}

/**
 * The aggregates of bulk-generated events come from the catch-up job, as after an import: the
 * write-time path (one sign-in at a time, in order) is exercised by the tests and by
 * bench:activity; fed 10 million attempts in random order it would rewrite a year of rows each.
 */
async function rebuild(orgId: string) {
  const started = performance.now();
  const result = await db
    .transaction()
    .execute((trx) =>
      rebuildReportAggregates(trx, orgId, (total) =>
        startProgress('Catch-up job (users)', total, (line) => process.stdout.write(`${line}\n`)),
      ),
    );
  // PostgreSQL plans from statistics: after millions of new rows they must be gathered again.
  if (bench.database.kind === 'postgres') await sql`analyze`.execute(db);
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

async function measure(label: string) {
  const server = await startBenchServer('app', bench.env);
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: org.ownerEmail, password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const today = localToday(now, ZONE);
  const ranges = {
    '30 d': `from=${addDays(today, -29)}&to=${today}`,
    '365 d': `from=${addDays(today, -364)}&to=${today}`,
  };
  const queries: [string, string][] = [];
  for (const [label, range] of Object.entries(ranges)) {
    for (const report of ['logins', 'app-usage', 'security', 'deactivations']) {
      queries.push([`${report} ${label}`, `/api/v1/reports/${report}?${range}`]);
    }
  }
  const page = 'limit=50&sort=name&order=asc';
  queries.push(
    ['logins 365 d, a page of 50 by name', `/api/v1/reports/logins?${ranges['365 d']}&${page}`],
    ['app-usage 365 d, a page of 50 by name', `/api/v1/reports/app-usage?${ranges['365 d']}&${page}`],
    ['inactive-users, a page of 50 by name', `/api/v1/reports/inactive-users?${page}`],
  );
  queries.push(['licenses', '/api/v1/reports/licenses'], ['inactive-users', '/api/v1/reports/inactive-users']);
  queries.push(['underused-licenses', '/api/v1/reports/underused-licenses'], ['overview', '/api/v1/overview']);
  const activity = `/api/v1/users/${org.heavyUserId}/activity?limit=50`;
  queries.push(['activity page 1', activity]);
  const deep = await cursorAt(org, 100_000);
  queries.push([`activity ${deep.depth.toLocaleString('en')} deep`, `${activity}&cursor=${deep.cursor}`]);
  const results = [];
  for (const [name, path] of queries) {
    const times: number[] = [];
    for (let run = 0; run < 7; run++) {
      const started = performance.now();
      const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${name}: ${response.status}`);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    results.push({ name, median: times[3] ?? 0 });
    process.stdout.write(`  ${label} ${name}: median ${(times[3] ?? 0).toFixed(1)} ms\n`);
  }
  const peakRss = server.peakRss();
  await server.stop();
  await compareFailingAddresses(label, ranges['365 d']);
  return Object.assign(results, { peakRss });
}

/**
 * The security report's address table, in this process: from each day's top addresses (what the
 * server answers) against the sum over every day, address and account of the range (what it
 * answered before issue 15) — the baseline, timed in the same run.
 */
async function compareFailingAddresses(label: string, range: string) {
  const params = new URLSearchParams(range);
  const days = { from: params.get('from') ?? '', to: params.get('to') ?? '' };
  const time = async (run: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let round = 0; round < 7; round++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[3] ?? 0;
  };
  const topK = await time(() => readFailingAddresses(db, org.orgId, days));
  const everyRow = await time(() =>
    sql`select ip, sum(failed) as failed, count(distinct user_id) as accounts, max(last_at) as last_at
      from daily_failed_sign_ins where org_id = ${org.orgId} and day >= ${days.from} and day <= ${days.to}
      group by ip`.execute(db),
  );
  process.stdout.write(
    `  ${label} failing addresses, 365 d, in-process: top-K ${topK.toFixed(1)} ms, every row (before) ${everyRow.toFixed(1)} ms, ratio ${(topK / everyRow).toFixed(2)}\n`,
  );
}

async function seedOrganization(database: Db) {
  const ownerEmail = `reports-owner-${now}@example.com`;
  const { organization, ownerId } = await createOrganization(database, {
    name: 'Reports',
    timeZone: ZONE,
    ownerEmail,
    ownerPassword: PASSWORD,
  });
  const userIds: string[] = [ownerId];
  await database.transaction().execute(async (trx) => {
    for (let index = 1; index < USERS; index++) {
      const user = newUserRow({
        orgId: organization.id,
        email: `r${index}-${now}@example.com`,
        name: `User ${index}`,
        role: 'member',
        passwordHash: null,
        now: now - 400 * DAY_MS,
      });
      await insertUser(trx, {
        ...user,
        last_login_at: now - random.int(0, 90) * DAY_MS,
        last_app_use_at: now - random.int(0, 90) * DAY_MS,
      });
      userIds.push(user.id);
    }
  });
  for (const key of ['designer', 'cutter']) {
    await addProduct(database, { key: `${key}-${now}`, name: key }).catch(() => undefined);
    await addSubscription(database, {
      orgId: organization.id,
      productKey: `${key}-${now}`,
      seats: USERS,
      startsAt: now - 400 * DAY_MS,
      expiresAt: now + 60 * DAY_MS,
      seatPriceCents: 2500,
    });
  }
  return { orgId: organization.id, ownerEmail, userIds, heavyUserId: userIds[1] ?? ownerId };
}

/** Sign-in attempts spread over the last year, stored as the server stores them (aggregates come from `rebuild`). */
async function generateSignIns(database: Db, target: Awaited<ReturnType<typeof seedOrganization>>, count: number) {
  const progress = startProgress('Sign-ins', count, (line) => process.stdout.write(`${line}\n`));
  for (let start = 0; start < count; start += BATCH) {
    const rows: NewSignInAttempt[] = [];
    for (let index = start; index < Math.min(count, start + BATCH); index++) {
      const heavy = random.chance(HEAVY_USER_SHARE);
      const userIndex = heavy ? 1 : random.int(0, target.userIds.length - 1);
      const userId = target.userIds[userIndex] ?? target.heavyUserId;
      // People keep to a few devices and places: two devices and one or two countries each.
      const device = DEVICES[(userIndex + random.int(0, 1)) % DEVICES.length] ?? {
        type: 'desktop',
        os: null,
        browser: null,
      };
      const country = COUNTRIES[(userIndex + (random.chance(0.1) ? 1 : 0)) % COUNTRIES.length] ?? 'GB';
      const failure = random.chance(FAILURE_SHARE);
      rows.push({
        org_id: target.orgId,
        user_id: userId,
        email: 'bench@example.com',
        occurred_at: now - random.int(0, 364 * 24 * 60) * 60_000,
        outcome: failure ? 'failure' : 'success',
        failure_reason: failure ? 'invalid_password' : null,
        client: 'console',
        app_key: null,
        app_version: null,
        ip: `81.2.${random.int(0, 255)}.${random.int(1, 254)}`,
        country_code: country,
        country: null,
        region: null,
        city: null,
        latitude: null,
        longitude: null,
        asn: null,
        as_organization: null,
        device_type: device.type,
        os: device.os,
        os_version: null,
        browser: device.browser,
        browser_version: null,
        device_id: null,
        device_name: null,
        user_agent: null,
        risk: '[]',
      });
    }
    await database.transaction().execute((trx) => insertSignInAttempts(trx, rows));
    progress.increment(rows.length);
  }
  progress.stop();
}

/** A year of daily usage: each user on about a third of the days, in one or two apps. */
async function generateUsage(database: Db, target: Awaited<ReturnType<typeof seedOrganization>>) {
  const today = localToday(now, ZONE);
  const progress = startProgress('Usage days', 365, (line) => process.stdout.write(`${line}\n`));
  for (let back = 0; back < 365; back++) {
    const day = addDays(today, -back);
    const rows = target.userIds
      .filter(() => random.chance(0.33))
      .map((userId) => ({
        org_id: target.orgId,
        user_id: userId,
        app_key: `designer-${now}`,
        day,
        sessions: random.int(1, 3),
        active_seconds: random.int(600, 28_800),
      }));
    await database.transaction().execute(async (trx) => {
      for (let start = 0; start < rows.length; start += 1000) {
        await trx
          .insertInto('daily_app_usage')
          .values(rows.slice(start, start + 1000))
          .execute();
      }
    });
    progress.increment();
  }
  progress.stop();
}

/** A cursor `wanted` rows deep into the heavy user's history (less when the history is shorter). */
async function cursorAt(target: Awaited<ReturnType<typeof seedOrganization>>, wanted: number) {
  const total = await db
    .selectFrom('sign_in_attempts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('org_id', '=', target.orgId)
    .where('user_id', '=', target.heavyUserId)
    .executeTakeFirstOrThrow();
  const depth = Math.max(0, Math.min(wanted, Number(total.count) - 51));
  const row = await db
    .selectFrom('sign_in_attempts')
    .select(['occurred_at', 'id'])
    .where('org_id', '=', target.orgId)
    .where('user_id', '=', target.heavyUserId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .offset(depth)
    .limit(1)
    .executeTakeFirstOrThrow();
  return { depth, cursor: Buffer.from(JSON.stringify([row.occurred_at, 0, row.id])).toString('base64url') };
}
