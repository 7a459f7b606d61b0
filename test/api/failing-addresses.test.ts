import { expect, it } from 'vitest';
import type { NewSignInAttempt } from '../../src/server/features/activity/activity.repository.ts';
import { insertSignInAttempts } from '../../src/server/features/activity/activity.repository.ts';
import { SeededRandom } from '../../src/server/features/demo/random.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import {
  ADDRESSES_SHOWN,
  addSignInAggregates,
  rebuildReportAggregates,
  TOP_ADDRESSES_PER_DAY,
} from '../../src/server/features/report-aggregates/index.ts';
import { insertUser, newUserRow } from '../../src/server/features/users/users.repository.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { describeEachDatabase, OWNER_PASSWORD, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

// The security report's failing addresses come from each day's top K addresses (K = 100), merged
// over the range; the rest is one remainder. A hand-computed scenario with more than K addresses
// on one day, written in random order through the write path, then rebuilt from the raw events.
//
// Day 1 (2026-03-02): 10.0.0.1 … 10.0.0.100 fail twice each on account A; 10.0.0.101 and
// 10.0.0.102 once each on A; 10.0.0.103 once on each of A, B and C (3 failures). 103 addresses:
// the top 100 are .103 (3) and 99 of the hundred 2-failure addresses, ties broken by byte order —
// "10.0.0.99" is the last of them in byte order, so it is out, with .101 and .102.
// Day 2 (2026-03-03): 10.0.0.99 fails 5 times on A, 10.0.0.101 once on A (both in that day's top).

const DAY1 = Date.parse('2026-03-02T08:00:00Z');
const DAY2 = Date.parse('2026-03-03T08:00:00Z');
const ip = (n: number) => `10.0.0.${n}`;

describeEachDatabase('security report: failing addresses from each day’s top addresses', (ctx) => {
  it('keeps each day’s top K, merges the days and answers the rest as a remainder; a rebuild gives the same table', async () => {
    expect(TOP_ADDRESSES_PER_DAY).toBe(100);
    expect(ADDRESSES_SHOWN).toBe(100);
    const world = await generate(ctx());

    const day1 = await security(ctx(), world.owner, '2026-03-02', '2026-03-02');
    const twoFailures = Array.from({ length: 100 }, (_, index) => ip(index + 1)).filter((a) => a !== ip(99));
    expect(day1.ips).toEqual([
      { ip: ip(103), failed: 3, accounts: 3, lastFailureAt: expect.any(String) },
      ...twoFailures
        .sort()
        .map((address) => ({ ip: address, failed: 2, accounts: 1, lastFailureAt: expect.any(String) })),
    ]);
    // 10.0.0.99's 2 failures, 10.0.0.101's and 10.0.0.102's one each.
    expect(day1.otherAddresses).toEqual({ failed: 4 });

    const both = await security(ctx(), world.owner, '2026-03-02', '2026-03-03');
    // 102 addresses were in a day's top: 100 shown, most accounts then failures first, then byte order.
    const shownTwos = twoFailures.sort().slice(0, 98);
    expect(
      both.ips.map((row: { ip: string; failed: number; accounts: number }) => [row.ip, row.failed, row.accounts]),
    ).toEqual([
      [ip(103), 3, 3],
      [ip(99), 5, 1], // day 2 only: day 1's two failures were outside that day's top
      ...shownTwos.map((address) => [address, 2, 1]),
    ]);
    // 211 failures in all; shown 3 + 5 + 98 × 2 = 204.
    expect(both.otherAddresses).toEqual({ failed: 7 });
    expect(both.series.reduce((sum: number, day: { failed: number }) => sum + day.failed, 0)).toBe(211);

    const written = await snapshot(ctx(), world.orgId);
    expect(written).toHaveLength(100 + 2);
    await ctx()
      .deps.database.db.transaction()
      .execute((trx) => rebuildReportAggregates(trx, world.orgId));
    expect(await snapshot(ctx(), world.orgId)).toEqual(written);
  });

  it('gives the same table on the write path and after a rebuild for random attacks', async () => {
    const random = new SeededRandom(7);
    const attempts: Omit<NewSignInAttempt, 'org_id' | 'user_id'>[] = [];
    for (let index = 0; index < 1500; index++) {
      const day = random.int(0, 2);
      // Few heavy addresses and many light ones: ties at the K-th place are common.
      const address = random.chance(0.3) ? ip(random.int(1, 20)) : `192.0.2.${random.int(1, 250)}`;
      attempts.push(attempt(DAY1 + day * 86_400_000 + random.int(0, 3_600_000), address));
    }
    const world = await generate(ctx(), attempts, 3);
    const written = await snapshot(ctx(), world.orgId);
    expect(written.length).toBeGreaterThan(0);
    await ctx()
      .deps.database.db.transaction()
      .execute((trx) => rebuildReportAggregates(trx, world.orgId));
    expect(await snapshot(ctx(), world.orgId)).toEqual(written);
  });

  it('stays exactly each day’s top K when failures from hundreds of addresses commit at once', async () => {
    const random = new SeededRandom(13);
    const attempts: Omit<NewSignInAttempt, 'org_id' | 'user_id'>[] = [];
    // 600 addresses on one day, most failing a few times: past the first 100, commits push rows out.
    for (let index = 0; index < 1500; index++) {
      attempts.push(attempt(DAY1 + random.int(0, 3_600_000), `198.51.${random.int(0, 2)}.${random.int(1, 200)}`));
    }
    // Batches written 24 at a time, each in its own transaction (concurrent on PostgreSQL), on 150
    // accounts (so that they do not queue on one account's totals first): none may fail (two
    // rankings of one day used to deadlock on each other's rows) or miss the other's failures.
    const world = await generate(ctx(), attempts, 150, 24);
    const written = await snapshot(ctx(), world.orgId);
    expect(written).toHaveLength(TOP_ADDRESSES_PER_DAY);
    await ctx()
      .deps.database.db.transaction()
      .execute((trx) => rebuildReportAggregates(trx, world.orgId));
    expect(await snapshot(ctx(), world.orgId)).toEqual(written);
  });
});

function scenario(): { attempt: Omit<NewSignInAttempt, 'org_id' | 'user_id'>; account: number }[] {
  const rows: { attempt: Omit<NewSignInAttempt, 'org_id' | 'user_id'>; account: number }[] = [];
  for (let n = 1; n <= 100; n++) {
    rows.push({ attempt: attempt(DAY1 + n * 1000, ip(n)), account: 0 });
    rows.push({ attempt: attempt(DAY1 + n * 1000 + 1, ip(n)), account: 0 });
  }
  rows.push({ attempt: attempt(DAY1 + 500_000, ip(101)), account: 0 });
  rows.push({ attempt: attempt(DAY1 + 500_001, ip(102)), account: 0 });
  for (let account = 0; account < 3; account++) {
    rows.push({ attempt: attempt(DAY1 + 600_000 + account, ip(103)), account });
  }
  for (let n = 0; n < 5; n++) rows.push({ attempt: attempt(DAY2 + n * 1000, ip(99)), account: 0 });
  rows.push({ attempt: attempt(DAY2 + 10_000, ip(101)), account: 0 });
  return rows;
}

async function generate(
  context: TestContext,
  random?: Omit<NewSignInAttempt, 'org_id' | 'user_id'>[],
  accounts = 3,
  concurrent = 1,
): Promise<{ orgId: string; owner: Session }> {
  const db = context.deps.database.db;
  const ownerEmail = uniqueEmail('owner');
  const { organization } = await createOrganization(db, {
    name: 'Failing addresses',
    timeZone: 'UTC',
    ownerEmail,
    ownerPassword: OWNER_PASSWORD,
  });
  const orgId = organization.id;
  const owner = await signIn(context.app, ownerEmail, OWNER_PASSWORD);
  const userIds: string[] = [];
  for (let index = 0; index < accounts; index++) {
    const user = newUserRow({
      orgId,
      email: uniqueEmail(`account${index}`),
      name: `Account ${index}`,
      role: 'member',
      passwordHash: null,
      now: DAY1 - 86_400_000,
    });
    await insertUser(db, user);
    userIds.push(user.id);
  }
  const shuffle = new SeededRandom(11);
  const rows = random ? random.map((row) => ({ attempt: row, account: shuffle.int(0, accounts - 1) })) : scenario();
  const all: NewSignInAttempt[] = rows.map(({ attempt, account }) => ({
    ...attempt,
    org_id: orgId,
    user_id: userIds[account] ?? '',
  }));
  for (let index = all.length - 1; index > 0; index--) {
    const other = shuffle.int(0, index);
    [all[index], all[other]] = [all[other] as NewSignInAttempt, all[index] as NewSignInAttempt];
  }
  // Each batch as the server writes it: the raw rows, then their aggregates, in one transaction;
  // `concurrent` of them at a time.
  const batches: NewSignInAttempt[][] = [];
  for (let start = 0; start < all.length; ) {
    const size = shuffle.int(1, 20);
    batches.push(all.slice(start, start + size));
    start += size;
  }
  for (let start = 0; start < batches.length; start += concurrent) {
    await Promise.all(
      batches.slice(start, start + concurrent).map((batch) =>
        db.transaction().execute(async (trx) => {
          await insertSignInAttempts(trx, batch);
          await addSignInAggregates(trx, batch);
        }),
      ),
    );
  }
  return { orgId, owner };
}

function attempt(occurredAt: number, address: string): Omit<NewSignInAttempt, 'org_id' | 'user_id'> {
  return {
    email: 'someone@example.com',
    occurred_at: occurredAt,
    outcome: 'failure',
    failure_reason: 'invalid_password',
    client: 'console',
    app_key: null,
    app_version: null,
    ip: address,
    country_code: null,
    country: null,
    region: null,
    city: null,
    latitude: null,
    longitude: null,
    asn: null,
    as_organization: null,
    device_type: 'desktop',
    os: 'Windows',
    browser: 'Chrome',
    os_version: null,
    browser_version: null,
    device_id: null,
    device_name: null,
    user_agent: null,
    risk: '[]',
  };
}

async function security(context: TestContext, owner: Session, from: string, to: string) {
  const response = await context.app.inject({
    url: `/api/v1/reports/security?from=${from}&to=${to}`,
    headers: as(owner),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function snapshot(context: TestContext, orgId: string) {
  const rows = await context.deps.database.db
    .selectFrom('daily_failing_addresses')
    .select(['day', 'ip', 'failed', 'last_at'])
    .where('org_id', '=', orgId)
    .execute();
  return rows
    .map((row) => ({ day: row.day, ip: row.ip, failed: Number(row.failed), lastAt: Number(row.last_at) }))
    .sort((a, b) => (a.day === b.day ? (a.ip < b.ip ? -1 : 1) : a.day < b.day ? -1 : 1));
}
