import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import type { DailyAppUsageRow } from '../../db/schema.ts';
import { localDay } from '../../lib/local-date.ts';
import { createSecureToken, hashToken } from '../../lib/secure-token.ts';
import { DAY_MS } from '../../lib/time.ts';
import { buildSignInAttemptRow } from '../activity/index.ts';
import { addDailyUsage, insertAppSession, markSeatsUsed, mergeUsage, sessionPlaceOf } from '../app-sessions/index.ts';
import { HEARTBEAT_INTERVAL_SECONDS } from '../app-sign-in/index.ts';
import { endAssignment, insertAssignment } from '../licenses/index.ts';
import { addProduct, addSubscription } from '../operator/index.ts';
import { addAppUsageAggregates } from '../report-aggregates/index.ts';
import { releaseSeat, reserveSeat, updateSubscription } from '../subscriptions/index.ts';
import { updateUser } from '../users/index.ts';
import type { DemoAccount, DemoAttempt, Workday } from './generate-demo-activity.ts';
import {
  appSignInAttempt,
  type DemoAppSession,
  type DemoSeat,
  generateAppUsage,
  sharedSeatSession,
} from './generate-demo-usage.ts';
import type { SeededRandom } from './random.ts';

/** The vendor's catalogue in the demo; fictional apps. */
const DEMO_PRODUCTS = [
  { key: 'designer', name: 'Northwind Designer', version: '2026.2.1', seats: 40, holders: 38, chance: 0.8 },
  { key: 'cutter', name: 'Cutter Pro', version: '5.4.0', seats: 10, holders: 6, chance: 0.35 },
  { key: 'viewer-cloud', name: 'Viewer Cloud', version: '1.12.3', seats: 25, holders: 15, chance: 0.2 },
] as const;

/**
 * Products and three subscriptions that tell a story on the Billing page: Designer
 * nearly full, Cutter Pro cancelled and ending within two weeks, Viewer Cloud with many
 * of its seats idle. Seats held by people who later left were freed when they left.
 */
export async function seedDemoLicenses(
  deps: AppDeps,
  random: SeededRandom,
  accounts: DemoAccount[],
  options: { orgId: string; ownerId: string; now: number; days: number },
) {
  const db = deps.database.db;
  const { now } = options;
  const start = now - (options.days + 10) * DAY_MS;
  const seats = new Map<string, DemoSeat[]>();
  const assignmentIds = new Map<string, number>();
  const candidates = [...accounts].sort(() => random.next() - 0.5);

  for (const product of DEMO_PRODUCTS) {
    const existing = await db.selectFrom('products').select('key').where('key', '=', product.key).executeTakeFirst();
    if (!existing) await addProduct(db, { key: product.key, name: product.name }, start);
    const expiresAt =
      product.key === 'cutter'
        ? now + 12 * DAY_MS
        : product.key === 'viewer-cloud'
          ? now + 45 * DAY_MS
          : now + 200 * DAY_MS;
    const subscription = await addSubscription(
      db,
      {
        orgId: options.orgId,
        productKey: product.key,
        seats: product.seats,
        startsAt: start,
        expiresAt,
        seatPriceCents: product.key === 'designer' ? 4900 : product.key === 'cutter' ? 2900 : 1200,
        currency: 'AUD',
      },
      start,
    );
    // Cutter Pro was cancelled: it ends in 12 days unless an owner resumes it.
    if (product.key === 'cutter') {
      await updateSubscription(db, options.orgId, subscription.id, { auto_renew: 0, updated_at: now - 20 * DAY_MS });
    }
    // Designer: nearly every current person, plus those who left (their seats were freed when they did).
    const holders =
      product.key === 'designer'
        ? [
            ...candidates.filter((person) => person.deactivatedAt === null).slice(0, product.holders),
            ...candidates.filter((person) => person.deactivatedAt !== null),
          ]
        : candidates.filter((_, index) => index % 3 !== 0).slice(0, product.holders);
    await db.transaction().execute(async (trx) => {
      for (const person of holders) {
        await reserveSeat(trx, options.orgId, subscription.id, start);
        await insertAssignment(trx, {
          orgId: options.orgId,
          subscriptionId: subscription.id,
          userId: person.id,
          assignedBy: options.ownerId,
          now: start,
        });
        const until = person.deactivatedAt ?? now;
        if (person.deactivatedAt !== null) await freeDemoSeat(trx, options, subscription.id, person);
        // Half of Viewer Cloud's holders never open it: the under-used seats worth reassigning.
        const chance = product.key === 'viewer-cloud' && random.chance(0.5) ? 0 : product.chance;
        const seat: DemoSeat = {
          subscriptionId: subscription.id,
          appKey: product.key,
          appVersion: product.version,
          dailyChance: chance,
          from: start,
          until,
        };
        seats.set(person.id, [...(seats.get(person.id) ?? []), seat]);
      }
    });
    const rows = await db
      .selectFrom('seat_assignments')
      .select(['id', 'user_id'])
      .where('subscription_id', '=', subscription.id)
      .where('unassigned_at', 'is', null)
      .execute();
    for (const row of rows) assignmentIds.set(`${subscription.id}:${row.user_id}`, row.id);
  }
  return { seats, assignmentIds };
}

async function freeDemoSeat(
  trx: Db,
  options: { orgId: string; ownerId: string },
  subscriptionId: string,
  person: DemoAccount,
) {
  const at = person.deactivatedAt ?? 0;
  await endAssignment(trx, {
    orgId: options.orgId,
    subscriptionId,
    userId: person.id,
    by: options.ownerId,
    reason: `deactivated: ${person.deactivation?.reason ?? 'other'}`,
    now: at,
  });
  await releaseSeat(trx, options.orgId, subscriptionId, at);
}

/** Six months of app sessions for every seat holder, their app sign-ins, and the daily usage counters. */
export async function seedDemoUsage(
  deps: AppDeps,
  random: SeededRandom,
  people: { person: DemoAccount; workdays: Workday[] }[],
  licenses: Awaited<ReturnType<typeof seedDemoLicenses>>,
  options: { timeZone: string; now: number },
): Promise<{ attempts: DemoAttempt[]; sessions: number }> {
  const db = deps.database.db;
  const attempts: DemoAttempt[] = [];
  const sessions: DemoAppSession[] = [];
  for (const { person, workdays } of people) {
    const usage = generateAppUsage(random, person, workdays, licenses.seats.get(person.id) ?? [], options.now);
    attempts.push(...usage.attempts);
    sessions.push(...usage.sessions);
  }
  const shared = sharedSeatSession(sessions, options.now);
  if (shared) {
    sessions.push(shared);
    attempts.push(appSignInAttempt(shared));
  }
  const usageRows: DailyAppUsageRow[] = [];
  const lastUse = new Map<string, number>();
  const seatUse = new Map<number, number>();
  await db.transaction().execute(async (trx) => {
    for (const session of sessions) {
      const row = buildSignInAttemptRow(
        deps.geo,
        { ip: session.ip, userAgent: undefined },
        {
          orgId: session.person.orgId,
          userId: session.person.id,
          email: session.person.email,
          outcome: 'success',
          failureReason: null,
          client: 'app',
          occurredAt: session.startedAt,
          app: { key: session.seat.appKey, version: session.seat.appVersion, device: session.device },
        },
      );
      await insertAppSession(trx, {
        org_id: session.person.orgId,
        user_id: session.person.id,
        subscription_id: session.seat.subscriptionId,
        app_key: session.seat.appKey,
        app_version: session.seat.appVersion,
        token_hash: hashToken(createSecureToken()),
        heartbeat_interval_s: HEARTBEAT_INTERVAL_SECONDS,
        started_at: session.startedAt,
        last_heartbeat_at: session.endedAt,
        ended_at: session.endedAt,
        end_reason: session.endReason,
        usage_counted_until: session.endedAt,
        ...sessionPlaceOf(row),
      });
      usageRows.push({
        org_id: session.person.orgId,
        user_id: session.person.id,
        app_key: session.seat.appKey,
        day: localDay(session.startedAt, options.timeZone),
        sessions: 1,
        active_seconds: Math.round((session.endedAt - session.startedAt) / 1000),
      });
      lastUse.set(session.person.id, Math.max(lastUse.get(session.person.id) ?? 0, session.endedAt));
      const assignmentId = licenses.assignmentIds.get(`${session.seat.subscriptionId}:${session.person.id}`);
      if (assignmentId) seatUse.set(assignmentId, Math.max(seatUse.get(assignmentId) ?? 0, session.endedAt));
    }
    const usage = mergeUsage(usageRows);
    await addDailyUsage(trx, usage);
    await addAppUsageAggregates(trx, usage);
    for (const [assignmentId, at] of seatUse) await markSeatsUsed(trx, [assignmentId], at);
    for (const person of people.map((entry) => entry.person)) {
      const at = lastUse.get(person.id);
      if (at) await updateUser(trx, person.orgId, person.id, { last_app_use_at: at, updated_at: at });
    }
  });
  return { attempts, sessions: sessions.length };
}
