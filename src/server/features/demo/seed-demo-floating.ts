import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import type { SeatUsageHourRow } from '../../db/schema.ts';
import { createSecureToken, hashToken } from '../../lib/secure-token.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../lib/time.ts';
import { buildSignInAttemptRow } from '../activity/index.ts';
import { insertAppSession, sessionPlaceOf } from '../app-sessions/index.ts';
import { HEARTBEAT_INTERVAL_SECONDS } from '../app-sign-in/index.ts';
import { addProduct, addSubscription } from '../operator/index.ts';
import { countNamedBorrow, markLeaseBorrowed, takeLease } from '../seat-leases/index.ts';
import type { DemoAccount } from './generate-demo-activity.ts';
import type { SeededRandom } from './random.ts';

/** The demo's floating pool: fewer seats than the people who want one at the busiest hours. */
const POOL = { key: 'render-studio', name: 'Render Studio', version: '2026.1.4', seats: 8, users: 16 };
/** Sydney's office hours, in UTC hours from local midnight (standard time; a DST hour off is fine here). */
const UTC_OFFSET_HOURS = 10;
const OFFICE_HOURS = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17] as const;
/** How busy each office hour is, relative to the day's demand: mornings and mid-afternoons peak. */
const HOUR_SHAPE = [0.4, 0.8, 1, 1, 0.7, 0.8, 1, 0.95, 0.7, 0.35];
const LIVE_SESSIONS = 5;

/**
 * A floating pool under pressure: six months of hourly seats in use (demand growing from about half
 * the pool to past it), the people it refused (some got a seat on a retry, most gave up), five app
 * sessions holding a seat now, and one seat of Northwind Designer borrowed for a trip.
 * The history rows are written straight into seat_usage_hours and seat_denials, in bulk: replaying
 * thousands of leases through takeLease would slow the first start for no difference in the reports.
 * The live sessions and the borrowed seat go through the real calls.
 */
export async function seedDemoFloatingPool(
  deps: AppDeps,
  random: SeededRandom,
  accounts: DemoAccount[],
  options: {
    orgId: string;
    now: number;
    days: number;
    borrowedSeat: { subscriptionId: string; userId: string } | null;
  },
) {
  const db = deps.database.db;
  const { now, orgId } = options;
  const start = now - (options.days + 10) * DAY_MS;
  const existing = await db.selectFrom('products').select('key').where('key', '=', POOL.key).executeTakeFirst();
  if (!existing) await addProduct(db, { key: POOL.key, name: POOL.name }, start);
  const subscription = await addSubscription(
    db,
    {
      orgId,
      productKey: POOL.key,
      seats: POOL.seats,
      startsAt: start,
      expiresAt: now + 75 * DAY_MS,
      seatPriceCents: 8900,
      currency: 'AUD',
    },
    start,
  );
  await db.updateTable('subscriptions').set({ kind: 'floating' }).where('id', '=', subscription.id).execute();
  const people = accounts.filter((account) => account.deactivatedAt === null && !account.invited).slice(0, POOL.users);
  const { hours, denials } = generatePoolHistory(random, people, {
    orgId,
    subscriptionId: subscription.id,
    now,
    days: options.days,
  });
  await db.transaction().execute(async (trx) => {
    for (let index = 0; index < hours.length; index += 500) {
      await trx
        .insertInto('seat_usage_hours')
        .values(hours.slice(index, index + 500))
        .execute();
    }
    for (let index = 0; index < denials.length; index += 500) {
      await trx
        .insertInto('seat_denials')
        .values(denials.slice(index, index + 500))
        .execute();
    }
  });
  const live = await openLiveSessions(deps, random, people.slice(0, LIVE_SESSIONS), subscription.id, now);
  const borrowed = options.borrowedSeat ? await borrowDemoSeat(db, orgId, options.borrowedSeat, now) : 0;
  return { subscriptionId: subscription.id, hours: hours.length, denials: denials.length, live, borrowed };
}

type NewDenial = {
  org_id: string;
  subscription_id: string;
  product_key: string;
  user_id: string;
  device_id: string;
  device_name: string;
  reason: 'pool_full';
  denied_at: number;
  outcome: 'gave_up' | 'seat_on_retry';
  resolved_at: number;
};

/** Hour by hour up to the hour before now: what was in use (at most the pool) and who was refused. */
function generatePoolHistory(
  random: SeededRandom,
  people: DemoAccount[],
  pool: { orgId: string; subscriptionId: string; now: number; days: number },
) {
  const hours: SeatUsageHourRow[] = [];
  const denials: NewDenial[] = [];
  const today = Math.floor(pool.now / DAY_MS) * DAY_MS;
  const lastHour = Math.floor(pool.now / HOUR_MS) * HOUR_MS - HOUR_MS;
  for (let day = pool.days; day >= 1; day--) {
    const midnight = today - day * DAY_MS - UTC_OFFSET_HOURS * HOUR_MS;
    const weekday = new Date(midnight + UTC_OFFSET_HOURS * HOUR_MS).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    // Demand grows over the months: about 5 people at the busiest hour six months ago, about 10 now.
    const busiest = 5 + (5 * (pool.days - day)) / pool.days + random.int(-1, 2);
    const levels = HOUR_SHAPE.map((shape) => Math.max(0, Math.round(busiest * shape + random.int(-1, 1))));
    OFFICE_HOURS.forEach((localHour, index) => {
      const hour = midnight + localHour * HOUR_MS;
      if (hour > lastHour) return;
      const wanted = levels[index] ?? 0;
      const inUse = Math.min(wanted, POOL.seats);
      const next = Math.min(levels[index + 1] ?? 0, POOL.seats);
      hours.push({
        org_id: pool.orgId,
        subscription_id: pool.subscriptionId,
        hour,
        peak: inUse,
        last: Math.min(inUse, next),
        seats: POOL.seats,
      });
      for (let turned = 0; turned < wanted - POOL.seats; turned++) {
        const person = random.pick(people);
        const deniedAt = hour + random.int(0, 50) * MINUTE_MS;
        const retried = random.chance(0.35);
        denials.push({
          org_id: pool.orgId,
          subscription_id: pool.subscriptionId,
          product_key: POOL.key,
          user_id: person.id,
          device_id: `${person.id.slice(0, 8)}-ws`,
          device_name: `${person.name.split(' ')[0]}'s workstation`,
          reason: 'pool_full',
          denied_at: deniedAt,
          outcome: retried ? 'seat_on_retry' : 'gave_up',
          resolved_at: deniedAt + (retried ? random.int(3, 25) : 30) * MINUTE_MS,
        });
      }
    });
  }
  return { hours, denials };
}

/** App sessions of the pool open now, each holding a lease (as an app sign-in takes it). */
async function openLiveSessions(
  deps: AppDeps,
  random: SeededRandom,
  people: DemoAccount[],
  subscriptionId: string,
  now: number,
) {
  let opened = 0;
  await deps.database.db.transaction().execute(async (trx) => {
    for (const person of people) {
      // Within the current hour: the history above ends with the hour before.
      const hourStart = Math.floor(now / HOUR_MS) * HOUR_MS;
      const startedAt = hourStart + random.int(0, Math.floor((now - hourStart) / MINUTE_MS)) * MINUTE_MS;
      const device = { id: `${person.id.slice(0, 8)}-ws`, name: `${person.name.split(' ')[0]}'s workstation` };
      const place = buildSignInAttemptRow(
        deps.geo,
        { ip: '203.0.113.10', userAgent: undefined },
        {
          orgId: person.orgId,
          userId: person.id,
          email: person.email,
          outcome: 'success',
          failureReason: null,
          client: 'app',
          occurredAt: startedAt,
          app: {
            key: POOL.key,
            version: POOL.version,
            device: { ...device, type: 'desktop', os: 'Windows', osVersion: '11' },
          },
        },
      );
      const sessionId = await insertAppSession(trx, {
        org_id: person.orgId,
        user_id: person.id,
        subscription_id: subscriptionId,
        app_key: POOL.key,
        app_version: POOL.version,
        token_hash: hashToken(createSecureToken()),
        heartbeat_interval_s: HEARTBEAT_INTERVAL_SECONDS,
        started_at: startedAt,
        last_heartbeat_at: now - random.int(0, 60) * 1000,
        ended_at: null,
        end_reason: null,
        usage_counted_until: startedAt,
        // A floating session ends after its pool's lease window without a heartbeat (600 s by default).
        silence_limit_s: 600,
        ...sessionPlaceOf(place),
      });
      const taken = await takeLease(trx, {
        subscription: { orgId: person.orgId, id: subscriptionId, kind: 'floating' },
        userId: person.id,
        appSessionId: sessionId,
        device,
        now: startedAt,
      });
      if (taken) opened++;
    }
  });
  return opened;
}

/** A named seat checked out for a week-long trip, three days ago (its lease file is not kept). */
async function borrowDemoSeat(db: Db, orgId: string, seat: { subscriptionId: string; userId: string }, now: number) {
  return db.transaction().execute(async (trx) => {
    const borrowedAt = now - 3 * DAY_MS;
    // Its hour of seats in use is Designer's, which keeps no hourly history otherwise: one row, then carried.
    const taken = await takeLease(trx, {
      subscription: { orgId, id: seat.subscriptionId, kind: 'named' },
      userId: seat.userId,
      appSessionId: null,
      device: { id: 'demo-laptop-travel', name: 'Travel laptop' },
      now: borrowedAt,
    });
    if (!taken) return 0;
    await countNamedBorrow(trx, orgId, seat.subscriptionId, borrowedAt);
    await markLeaseBorrowed(trx, taken.leaseId, {
      at: borrowedAt,
      until: borrowedAt + 7 * DAY_MS,
      signingKeyId: 'demo-no-file',
    });
    return 1;
  });
}
