import { afterEach, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import type { DailyAppUsageRow } from '../../src/server/db/schema.ts';
import type { NewSignInAttempt } from '../../src/server/features/activity/activity.repository.ts';
import { insertSignInAttempts } from '../../src/server/features/activity/activity.repository.ts';
import { addDailyUsage, mergeUsage } from '../../src/server/features/app-sessions/daily-usage.repository.ts';
import { SeededRandom } from '../../src/server/features/demo/random.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import {
  AGGREGATE_TABLES,
  addAppUsageAggregates,
  addSignInAggregates,
  rebuildReportAggregates,
  resumeReportRebuilds,
  startReportRebuild,
  stopReportRebuilds,
} from '../../src/server/features/report-aggregates/index.ts';
import { BATCH, rebuildHooks } from '../../src/server/features/report-aggregates/report-rebuilds.ts';
import { insertUser, newUserRow } from '../../src/server/features/users/users.repository.ts';
import { addDays, datesBetween, localDay } from '../../src/server/lib/local-date.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { describeEachDatabase, OWNER_PASSWORD, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

// The time-zone recount runs in the background in short batches (one user each here), held
// between batches by a gate the test opens: what is answered while it runs, what is written
// meanwhile, a second change during it, a process stopped mid-way; and afterwards the
// aggregates equal a one-transaction rebuild from the raw events, and the raw events counted.

const START = Date.parse('2026-02-01T00:00:00Z');
const DAYS = 90;
const defaultBatch = { ...BATCH };
let openGate = () => {};
afterEach(() => {
  openGate();
  Object.assign(BATCH, defaultBatch);
  rebuildHooks.batch = undefined;
  rebuildHooks.between = undefined;
});

/** Holds rebuilds between batches (after the first `passFirst`) until opened; counts batches running at once. */
function gate(passFirst = 0) {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  openGate = open;
  const state = { batches: 0, running: 0, mostAtOnce: 0, open };
  rebuildHooks.batch = (_orgId, phase) => {
    if (phase === 'start') {
      state.batches++;
      state.running++;
      state.mostAtOnce = Math.max(state.mostAtOnce, state.running);
    } else state.running--;
  };
  rebuildHooks.between = () => (state.batches < passFirst ? Promise.resolve() : opened);
  BATCH.attempts = 1; // one user per batch
  return state;
}

describeEachDatabase('report rebuild in the background', (ctx) => {
  it('answers the change at once, keeps answering sign-ins, runs one at a time and counts every event once', async () => {
    const world = await generate(ctx());
    const db = ctx().deps.database.db;
    const held = gate();

    const changed = await patch(ctx(), world.owner, { timeZone: 'Australia/Sydney' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      timeZone: 'Australia/Sydney',
      reportsRecount: { status: 'running', timeZone: 'Australia/Sydney', done: 0, total: world.userIds.length + 1 },
    });

    // A sign-in through HTTP is answered while the rebuild is held mid-way.
    const session = await signIn(ctx().app, world.ownerEmail, OWNER_PASSWORD);
    expect(session).toBeTruthy();
    const during = (await get(ctx(), world.owner, '/api/v1/organization')).json().reportsRecount;
    expect(during.status).toBe('running');
    expect(during.done).toBeLessThan(during.total);
    expect((await get(ctx(), world.owner, '/api/v1/reports/logins')).json().recounting).toBe(true);
    expect((await get(ctx(), world.owner, '/api/v1/overview')).json().recounting).toBe(true);

    // Events written meanwhile, as the server writes them, for users recounted and not yet.
    await writeAttempts(db, attemptsFor(world, new SeededRandom(7), 60));
    await writeUsage(db, usageFor(world, new SeededRandom(8), 40));

    // A second change during the rebuild restarts it in the newest zone, in the same worker.
    const again = await patch(ctx(), world.owner, { timeZone: 'America/New_York' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().reportsRecount).toMatchObject({ status: 'running', timeZone: 'America/New_York', done: 0 });
    await writeAttempts(db, attemptsFor(world, new SeededRandom(9), 40));

    held.open();
    const final = await recounted(ctx(), world.owner);
    expect(final).toMatchObject({ status: 'done', timeZone: 'America/New_York', error: null });
    expect(final.done).toBe(final.total);
    expect(held.mostAtOnce).toBe(1);
    expect(held.batches).toBeGreaterThan(world.userIds.length);
    expect((await get(ctx(), world.owner, '/api/v1/reports/logins')).json().recounting).toBe(false);

    await expectCountedOnce(ctx(), world, 'America/New_York');
  });

  it('keeps its state in the database: a stopped process resumes it from its last batch', async () => {
    const world = await generate(ctx());
    const db = ctx().deps.database.db;
    const held = gate(3);
    expect((await patch(ctx(), world.owner, { timeZone: 'Asia/Tokyo' })).statusCode).toBe(200);
    // Let three batches commit, then stop this "process" after its current batch.
    while (held.batches < 3 || held.running > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const stopping = stopReportRebuilds(db);
    held.open();
    await stopping;
    const row = await db
      .selectFrom('report_rebuilds')
      .selectAll()
      .where('org_id', '=', world.orgId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'running', time_zone: 'Asia/Tokyo' });
    expect(Number(row.users_done)).toBeGreaterThan(0);
    expect(Number(row.users_done)).toBeLessThan(Number(row.users_total));
    expect(row.cursor).not.toBeNull();
    expect((await get(ctx(), world.owner, '/api/v1/reports/security')).json().recounting).toBe(true);

    // The next start resumes it where the last batch ended.
    expect(await resumeReportRebuilds(db)).toBeGreaterThanOrEqual(1);
    await startReportRebuild(db, world.orgId);
    expect(await recounted(ctx(), world.owner)).toMatchObject({ status: 'done', timeZone: 'Asia/Tokyo' });
    await expectCountedOnce(ctx(), world, 'Asia/Tokyo');
  });
});

interface World {
  orgId: string;
  ownerEmail: string;
  owner: Session;
  userIds: string[];
}

function patch(context: TestContext, owner: Session, payload: Record<string, unknown>) {
  return context.app.inject({ method: 'PATCH', url: '/api/v1/organization', headers: as(owner), payload });
}

function get(context: TestContext, owner: Session, url: string) {
  return context.app.inject({ url, headers: as(owner) });
}

async function recounted(context: TestContext, owner: Session) {
  for (;;) {
    const state = (await get(context, owner, '/api/v1/organization')).json().reportsRecount;
    if (state?.status !== 'running') return state;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function generate(context: TestContext): Promise<World> {
  const db = context.deps.database.db;
  const ownerEmail = uniqueEmail('owner');
  const { organization } = await createOrganization(db, {
    name: 'Rebuild Co',
    timeZone: 'UTC',
    ownerEmail,
    ownerPassword: OWNER_PASSWORD,
  });
  const owner = await signIn(context.app, ownerEmail, OWNER_PASSWORD);
  const userIds: string[] = [];
  for (let index = 0; index < 12; index++) {
    const user = newUserRow({
      orgId: organization.id,
      email: uniqueEmail(`user${index}`),
      name: `User ${index}`,
      role: 'member',
      passwordHash: null,
      now: START,
    });
    await insertUser(db, user);
    userIds.push(user.id);
  }
  const world = { orgId: organization.id, ownerEmail, owner, userIds };
  const random = new SeededRandom(42);
  await writeAttempts(db, attemptsFor(world, random, 300));
  await writeUsage(db, usageFor(world, random, 200));
  return world;
}

function attemptsFor(world: World, random: SeededRandom, count: number): NewSignInAttempt[] {
  return Array.from({ length: count }, () => {
    const failure = random.chance(0.3);
    return {
      org_id: world.orgId,
      user_id: random.pick(world.userIds),
      email: 'someone@example.com',
      // Around midnight in every zone above: the zone decides the day.
      occurred_at: START + random.int(0, DAYS * 24 * 60) * 60_000,
      outcome: failure ? 'failure' : 'success',
      failure_reason: failure ? (random.chance(0.3) ? 'throttled' : 'invalid_password') : null,
      client: 'console',
      app_key: null,
      app_version: null,
      ip: random.pick(['198.51.100.1', '203.0.113.9']),
      country_code: random.pick(['AU', 'JP', 'US']),
      country: null,
      region: null,
      city: null,
      latitude: null,
      longitude: null,
      asn: null,
      as_organization: null,
      device_type: 'desktop',
      os: random.pick(['Windows', 'macOS']),
      browser: 'Chrome',
      os_version: null,
      browser_version: null,
      device_id: null,
      device_name: null,
      user_agent: null,
      risk: '[]',
    } satisfies NewSignInAttempt;
  });
}

function usageFor(world: World, random: SeededRandom, count: number): DailyAppUsageRow[] {
  return Array.from({ length: count }, () => ({
    org_id: world.orgId,
    user_id: random.pick(world.userIds),
    app_key: random.pick(['designer', 'viewer']),
    day: addDays('2026-02-01', random.int(0, DAYS)),
    sessions: random.int(0, 2),
    active_seconds: random.int(0, 3) * 900,
  }));
}

/** As the server writes them: raw rows and their aggregates in one transaction, a few at a time. */
async function writeAttempts(db: Db, attempts: NewSignInAttempt[]) {
  for (let start = 0; start < attempts.length; start += 7) {
    const batch = attempts.slice(start, start + 7);
    await db.transaction().execute(async (trx) => {
      await insertSignInAttempts(trx, batch);
      await addSignInAggregates(trx, batch);
    });
  }
}

async function writeUsage(db: Db, usage: DailyAppUsageRow[]) {
  for (let start = 0; start < usage.length; start += 9) {
    const rows = mergeUsage(usage.slice(start, start + 9));
    await db.transaction().execute(async (trx) => {
      await addDailyUsage(trx, rows);
      await addAppUsageAggregates(trx, rows);
    });
  }
}

/**
 * The batched rebuild left the same aggregates as wiping and refilling them in one transaction
 * (the reference checked against brute force in report-aggregates.test.ts), and the logins
 * report's series equals the raw attempts counted per day in the zone.
 */
async function expectCountedOnce(context: TestContext, world: World, zone: string) {
  const db = context.deps.database.db;
  const batched = await snapshot(db, world.orgId);
  await db.transaction().execute((trx) => rebuildReportAggregates(trx, world.orgId));
  const reference = await snapshot(db, world.orgId);
  for (const table of AGGREGATE_TABLES) expect(batched[table], table).toEqual(reference[table]);

  const raw = await db
    .selectFrom('sign_in_attempts')
    .select(['occurred_at', 'outcome'])
    .where('org_id', '=', world.orgId)
    .where('user_id', 'is not', null)
    .execute();
  const from = '2026-01-31';
  const to = addDays('2026-02-01', DAYS + 1);
  const logins = (await get(context, world.owner, `/api/v1/reports/logins?from=${from}&to=${to}`)).json();
  expect(logins.series).toEqual(
    datesBetween(from, to).map((day) => {
      const that = raw.filter((attempt) => localDay(Number(attempt.occurred_at), zone) === day);
      return {
        day,
        successful: that.filter((attempt) => attempt.outcome === 'success').length,
        failed: that.filter((attempt) => attempt.outcome === 'failure').length,
      };
    }),
  );
}

/** An organization's aggregate rows, comparable across databases and runs (rows that count nothing left out). */
async function snapshot(db: Db, orgId: string) {
  const tables: Record<string, string[]> = {};
  for (const table of AGGREGATE_TABLES) {
    const rows = (await db.selectFrom(table).selectAll().where('org_id', '=', orgId).execute()) as Record<
      string,
      unknown
    >[];
    tables[table] = rows
      .filter((row) => {
        if (table === 'org_daily_active_users') return row.users || row.weekly_change || row.monthly_change;
        if (table.endsWith('_latest')) return row.first_day !== '';
        return true;
      })
      .map((row) =>
        JSON.stringify(
          Object.keys(row)
            .sort()
            .map((key) => [key, row[key] === null ? null : typeof row[key] === 'string' ? row[key] : Number(row[key])]),
        ),
      )
      .sort();
  }
  return tables;
}
