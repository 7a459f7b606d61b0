import { expect, it } from 'vitest';
import type { Db } from '../../src/server/db/database.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { recordSeatDenial, settleDenialsOnSeat } from '../../src/server/features/seat-denials/index.ts';
import { releaseLeases, takeLease } from '../../src/server/features/seat-leases/index.ts';
import { createMember, createSubscription } from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import {
  createOrgWithOwner,
  describeEachDatabase,
  OWNER_PASSWORD,
  type TestContext,
  uniqueEmail,
} from '../helpers/test-app.ts';

/** The day of the scenario (UTC, the organization's zone) and the instant the reports are read. */
const DAY = '2026-03-10';
const NEXT_DAY = '2026-03-11';
const NOW = Date.parse(`${NEXT_DAY}T01:30:00Z`);
const at = (time: string) => Date.parse(`${DAY}T${time}:00Z`);

/**
 * A floating pool of 3 seats over one afternoon, through the real take/release/deny calls, as app
 * sign-ins make them (UTC):
 *   09:10 Ann takes, 09:20 Ben takes, 09:40 Ann releases          → 09:00 peak 2, ends at 1
 *   (10:00 no change)                                               → 10:00 peak 1 (carried)
 *   11:05 Cat takes, 11:10 Dan takes (3 of 3), 11:15 Eve refused,
 *   11:20 Fay refused, 11:45 Ben releases, 11:50 Fay takes (retry)  → 11:00 peak 3, ends at 3
 *   12:10 Gus refused                                               → 12:00 peak 3 (carried)
 *   13:30 Eve refused again (her app gives up), 13:40 Cat and Dan release → 13:00 peak 3, ends at 1
 *   then Fay keeps her seat: every later hour carries 1.
 * Read at 01:30 the next day, when Hal has just been refused (01:10, still inside the retry window).
 */
async function scenario(context: TestContext) {
  context.clock.frozenAtMs = NOW;
  const db = context.deps.database.db;
  const ownerEmail = uniqueEmail('owner');
  const { organization } = await createOrganization(db, {
    name: 'Pool Co',
    timeZone: 'UTC',
    ownerEmail,
    ownerPassword: OWNER_PASSWORD,
  });
  const orgId = organization.id;
  const owner = await signIn(context.app, ownerEmail, OWNER_PASSWORD);
  const people: Record<string, string> = {};
  for (const name of ['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Fay', 'Gus', 'Hal']) {
    people[name] = (await createMember(context, owner, name)).id;
  }
  const { subscriptionId, productKey } = await createSubscription(context, orgId, { seats: 3, name: 'Floating Pool' });
  // The pool's kind as the operator sets it (add-subscription --kind floating).
  await db.updateTable('subscriptions').set({ kind: 'floating' }).where('id', '=', subscriptionId).execute();
  const subscription = { orgId, id: subscriptionId, kind: 'floating' as const };
  const leases: Record<string, number> = {};
  const device = (name: string) => ({ id: `pc-${name}`, name: `${name}'s PC` });

  const take = (name: string, now: number) =>
    db.transaction().execute(async (trx) => {
      const taken = await takeLease(trx, {
        subscription,
        userId: people[name] as string,
        appSessionId: null,
        device: device(name),
        now,
      });
      if (!taken) throw new Error(`${name} found the pool full`);
      leases[name] = taken.leaseId;
      await settleDenialsOnSeat(trx, { orgId, userId: people[name] as string, productKey, now });
    });
  const release = (name: string, now: number) =>
    db.transaction().execute(async (trx) => {
      const lease = await trx
        .selectFrom('seat_leases')
        .selectAll()
        .where('id', '=', leases[name] as number)
        .executeTakeFirstOrThrow();
      await releaseLeases(trx, [{ ...lease, id: Number(lease.id) }], {
        reason: 'session_ended',
        by: null,
        note: null,
        now,
      });
    });
  const deny = (name: string, now: number) =>
    db.transaction().execute((trx) =>
      recordSeatDenial(trx, {
        orgId,
        subscriptionId,
        productKey,
        userId: people[name] as string,
        device: device(name),
        reason: 'pool_full',
        now,
      }),
    );

  await take('Ann', at('09:10'));
  await take('Ben', at('09:20'));
  await release('Ann', at('09:40'));
  await take('Cat', at('11:05'));
  await take('Dan', at('11:10'));
  await deny('Eve', at('11:15'));
  await deny('Fay', at('11:20'));
  await release('Ben', at('11:45'));
  await take('Fay', at('11:50'));
  await deny('Gus', at('12:10'));
  const gaveUp = await deny('Eve', at('13:30'));
  // The minute job (another feature) marks a denial given up once its window passes; here, at once.
  await db
    .updateTable('seat_denials')
    .set({ outcome: 'gave_up', resolved_at: at('14:00') })
    .where('id', '=', gaveUp)
    .execute();
  await release('Cat', at('13:40'));
  await release('Dan', at('13:40'));
  await deny('Hal', Date.parse(`${NEXT_DAY}T01:10:00Z`));
  return { orgId, owner, people, subscriptionId, productKey };
}

function report(context: TestContext, owner: Session, path: string) {
  return context.app.inject({ url: `/api/v1/reports/${path}`, headers: as(owner) });
}

const ADVICE =
  'Buy 1 more seat of Floating Pool — 90-day p95 demand is 4 against 3 owned; 3 hours at capacity and 2 people ' +
  'turned away in the last 90 days';

describeEachDatabase('demand and denials reports', (ctx) => {
  it('answers hourly peaks carried through quiet hours, percentiles, hours at capacity and the advice', async () => {
    try {
      const { owner, subscriptionId } = await scenario(ctx());
      const response = await report(ctx(), owner, `demand?from=${DAY}&to=${DAY}`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ report: 'demand', from: DAY, to: DAY, timeZone: 'UTC' });
      // 17 hours since the first use (09:00 to 01:00): thirteen at 1, one at 2, three at 3; the
      // nearest-rank p95 is the 17th value. Demand adds the people turned away: 11:00 Eve, 12:00 Gus,
      // 13:00 Eve → three hours at 4; Hal is still inside his retry window and does not count.
      expect(body.rows).toEqual([
        {
          subscriptionId,
          app: expect.any(String),
          appName: 'Floating Pool',
          kind: 'floating',
          seats: 3,
          inUseNow: 1,
          peakInUse: 3,
          hoursAtCapacity: 3,
          turnedAwayUsers: 2,
          p95InUse30d: 3,
          p95InUse90d: 3,
          p95InUse365d: 3,
          p95Demand90d: 4,
          recommendedSeats: 4,
          change: 1,
          recommendation: ADVICE,
        },
      ]);
      expect(body.series).toEqual([{ subscriptionId, day: DAY, peak: 3, seats: 3, hoursAtCapacity: 3, turnedAway: 3 }]);

      // The next day starts at the level the last change of the day before left: Fay's seat.
      const next = (await report(ctx(), owner, `demand?from=${NEXT_DAY}&to=${NEXT_DAY}`)).json();
      expect(next.rows[0]).toMatchObject({
        peakInUse: 1,
        hoursAtCapacity: 0,
        turnedAwayUsers: 0,
        recommendation: ADVICE,
      });
      expect(next.series).toEqual([
        { subscriptionId, day: NEXT_DAY, peak: 1, seats: 3, hoursAtCapacity: 0, turnedAway: 0 },
      ]);
    } finally {
      ctx().clock.frozenAtMs = undefined;
    }
  });

  it('counts denials by reason, real or seated on a retry, per day and per person', async () => {
    try {
      const { owner, people, subscriptionId, productKey } = await scenario(ctx());
      const body = (await report(ctx(), owner, `denials?from=${DAY}&to=${NEXT_DAY}`)).json();
      expect(body.rows).toEqual([
        {
          subscriptionId,
          app: productKey,
          appName: 'Floating Pool',
          total: 5,
          poolFull: 5,
          noSeat: 0,
          deviceLimit: 0,
          subscriptionExpired: 0,
          real: 3, // Eve twice (one pending past its window, one given up), Gus
          seatOnRetry: 1, // Fay
          pending: 1, // Hal, 20 minutes ago
          turnedAwayUsers: 2,
          users: 4,
        },
      ]);
      expect(body.series).toEqual([
        { day: DAY, poolFull: 4, noSeat: 0, deviceLimit: 0, subscriptionExpired: 0 },
        { day: NEXT_DAY, poolFull: 1, noSeat: 0, deviceLimit: 0, subscriptionExpired: 0 },
      ]);
      expect(
        body.users.map((user: { userId: string; total: number; real: number; seatOnRetry: number }) => [
          user.userId,
          user.total,
          user.real,
          user.seatOnRetry,
        ]),
      ).toEqual([
        [people.Eve, 2, 2, 0],
        [people.Gus, 1, 1, 0],
        [people.Hal, 1, 0, 0],
        [people.Fay, 1, 0, 1],
      ]);
      expect(body.users[0]).toMatchObject({ name: 'Eve', lastDeniedAt: `${DAY}T13:30:00.000Z` });
    } finally {
      ctx().clock.frozenAtMs = undefined;
    }
  });

  it('feeds the same advice to the licenses report’s renewal forecast', async () => {
    try {
      const { owner, subscriptionId } = await scenario(ctx());
      const body = (await report(ctx(), owner, 'licenses')).json();
      expect(body.rows).toEqual([
        expect.objectContaining({ subscriptionId, peakUsed90d: 3, recommendedSeats: 4, recommendation: ADVICE }),
      ]);
    } finally {
      ctx().clock.frozenAtMs = undefined;
    }
  });

  it('filters by product, answers formula-safe CSV, and shows another organization nothing', async () => {
    try {
      const { owner, orgId } = await scenario(ctx());
      const db: Db = ctx().deps.database.db;
      await db
        .updateTable('products')
        .set({ name: '=HYPERLINK("http://evil.example")' })
        .where('id', 'in', db.selectFrom('subscriptions').select('product_id').where('org_id', '=', orgId))
        .execute();
      const csv = await report(ctx(), owner, `demand?from=${DAY}&to=${DAY}&format=csv`);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="demand-${DAY}-to-${DAY}.csv"`);
      const [header, line] = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(header?.split(',').slice(0, 4)).toEqual(['subscriptionId', 'app', 'appName', 'kind']);
      expect(line).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
      const denials = await report(ctx(), owner, `denials?from=${DAY}&to=${DAY}&format=csv`);
      expect(denials.body).toContain(`'=HYPERLINK`);

      const other = (await report(ctx(), owner, `denials?from=${DAY}&to=${DAY}&product=no-such-app`)).json();
      expect(other.rows).toEqual([]);
      expect(other.users).toEqual([]);

      const stranger = await createOrgWithOwner(ctx(), 'Elsewhere');
      const strangerSession = await signIn(ctx().app, stranger.email, stranger.password);
      const theirs = (await report(ctx(), strangerSession, `denials?from=${DAY}&to=${NEXT_DAY}`)).json();
      expect(theirs.rows).toEqual([]);
      expect(theirs.users).toEqual([]);
      expect((await report(ctx(), strangerSession, `demand?from=${DAY}&to=${DAY}`)).json().rows).toEqual([]);
    } finally {
      ctx().clock.frozenAtMs = undefined;
    }
  });
});
