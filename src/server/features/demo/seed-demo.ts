import type { AppDeps } from '../../app-deps.ts';
import type { UserRow } from '../../db/schema.ts';
import { DAY_MS, HOUR_MS } from '../../lib/time.ts';
import { hashPassword } from '../auth/index.ts';
import { createOrganization } from '../operator/index.ts';
import { countOrganizations } from '../organizations/index.ts';
import { findUserByEmail, insertInvitation, insertUser, newUserRow, updateUser } from '../users/index.ts';
import { generateDemoPeople } from './demo-people.ts';
import type { DemoPlace } from './demo-places.ts';
import {
  type DemoAccount,
  type DemoAttempt,
  generateBruteForce,
  generatePasswordSpray,
  generatePersonActivity,
  generateStolenPassword,
} from './generate-demo-activity.ts';
import { SeededRandom } from './random.ts';
import { replayDemoSignIns } from './replay-sign-ins.ts';
import { seedDemoAuditHistory } from './seed-demo-audit.ts';
import { seedDemoFloatingPool } from './seed-demo-floating.ts';
import { seedDemoLicenses, seedDemoUsage } from './seed-demo-licenses.ts';

/** The demo's sign-in, printed at start. DEMO is off in production, so these never guard real data. */
export const DEMO_OWNER = {
  email: 'owner@northwind.example',
  password: 'harbour-lantern-demo',
  name: 'Dana Whitfield',
};
/** Every other demo person signs in with this one. */
export const DEMO_MEMBER_PASSWORD = 'orchard-kettle-demo';

const DEMO_DOMAIN = 'northwind.example';
const DEMO_DAYS = 182;
const DEMO_PEOPLE = 50;

type Log = (line: string) => void;

/** Seeds the demo organization into an empty database; returns whether it did. */
export async function seedDemoIfEmpty(deps: AppDeps, options: { log: Log }): Promise<boolean> {
  if ((await countOrganizations(deps.database.db)) > 0) return false;
  await seedDemo(deps, options);
  return true;
}

export interface SeedDemoOptions {
  log: Log;
  /**
   * Mix the scripted attacks (brute force, spraying, a stolen password) into the history; default
   * true. The detection benchmark turns them off to count false alarms on ordinary work alone.
   */
  attacks?: boolean;
}

/** The demo organization: ~50 people with six months of realistic sign-in history. */
export async function seedDemo(deps: AppDeps, { log, attacks = true }: SeedDemoOptions): Promise<void> {
  const db = deps.database.db;
  if (await findUserByEmail(db, DEMO_OWNER.email)) {
    log(`The demo organization already exists (sign in as ${DEMO_OWNER.email}).`);
    return;
  }
  const now = deps.now();
  const random = new SeededRandom(20261126);
  log('Seeding the demo organization "Northwind Design"…');
  const { organization, ownerId } = await createOrganization(
    db,
    {
      name: 'Northwind Design',
      timeZone: 'Australia/Sydney',
      ownerEmail: DEMO_OWNER.email,
      ownerName: DEMO_OWNER.name,
      ownerPassword: DEMO_OWNER.password,
    },
    now - (DEMO_DAYS + 10) * DAY_MS,
  );
  const memberHash = await hashPassword(DEMO_MEMBER_PASSWORD);
  const owner: DemoAccount = {
    id: ownerId,
    orgId: organization.id,
    deactivatedAt: null,
    name: DEMO_OWNER.name,
    email: DEMO_OWNER.email,
    role: 'owner',
    invited: false,
    quietForDays: 0,
    diligence: 0.9,
    devices: ['desktop', 'mobile'],
  };
  const accounts: DemoAccount[] = [owner];
  await db.transaction().execute(async (trx) => {
    for (const person of generateDemoPeople(random, DEMO_PEOPLE - 1, DEMO_DOMAIN)) {
      const createdAt = now - random.int(DEMO_DAYS, DEMO_DAYS + 60) * DAY_MS;
      const deactivatedAt = person.deactivation ? now - person.deactivation.daysAgo * DAY_MS : null;
      const row: UserRow = {
        ...newUserRow({
          orgId: organization.id,
          email: person.email,
          name: person.name,
          role: person.role,
          passwordHash: person.invited ? null : memberHash,
          now: person.invited ? now - random.int(1, 5) * DAY_MS : createdAt,
        }),
        status: deactivatedAt ? 'deactivated' : 'active',
        updated_at: now,
        deactivated_at: deactivatedAt,
        deactivation_reason: person.deactivation?.reason ?? null,
        deactivation_note: person.deactivation?.note ?? null,
      };
      await insertUser(trx, row);
      if (person.invited) {
        await insertInvitation(trx, { orgId: organization.id, userId: row.id, createdBy: ownerId, now });
      } else {
        accounts.push({ ...person, id: row.id, orgId: organization.id, deactivatedAt });
      }
    }
  });

  const { attempts, people } = generateAttempts(deps, random, accounts, now, attacks);
  const licenses = await seedDemoLicenses(deps, random, accounts, {
    orgId: organization.id,
    ownerId,
    now,
    days: DEMO_DAYS,
  });
  const usage = await seedDemoUsage(deps, random, people, licenses, { timeZone: organization.timeZone, now });
  const pool = await seedDemoFloatingPool(deps, random, accounts, {
    orgId: organization.id,
    now,
    days: DEMO_DAYS,
    borrowedSeat: demoBorrower(accounts, licenses.seats, now),
  });
  log(
    `  Floating pool: ${pool.hours} hours of seats in use, ${pool.denials} refused requests, ` +
      `${pool.live} sessions holding a seat now, ${pool.borrowed} seat borrowed.`,
  );
  attempts.push(...usage.attempts);
  attempts.sort((a, b) => a.attempt.occurredAt - b.attempt.occurredAt);
  const byId = new Map(accounts.map((account) => [account.id, account]));
  await replayDemoSignIns(deps, organization.id, attempts, byId, log);
  await recordLastSignIns(deps, accounts, attempts);
  const audited = await seedDemoAuditHistory(deps, { id: organization.id, ownerId, ownerEmail: DEMO_OWNER.email });

  log(
    `Demo organization ready: ${accounts.length} people with history, ${attempts.length} sign-in attempts, ` +
      `${usage.sessions} app sessions, ${audited} owner actions in the audit log.`,
  );
  log(`  Sign in as the owner:  ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`);
  const member = accounts.find((account) => account.role === 'member' && account.deactivatedAt === null);
  log(`  or as any member (e.g. ${member?.email ?? '-'}) / ${DEMO_MEMBER_PASSWORD}`);
}

function generateAttempts(deps: AppDeps, random: SeededRandom, accounts: DemoAccount[], now: number, attacks: boolean) {
  // Office hours are local: a place's offset from UTC, from its longitude (15° an hour).
  const offsets = new Map<DemoPlace, number>();
  const utcOffsetHours = (place: DemoPlace) => {
    if (!offsets.has(place)) {
      const longitude = deps.geo.lookup(place.ips[0] ?? '')?.longitude ?? 0;
      offsets.set(place, Math.round(longitude / 15));
    }
    return offsets.get(place) ?? 0;
  };
  const people = accounts.map((person) => ({
    person,
    ...generatePersonActivity(random, person, { now, days: DEMO_DAYS, utcOffsetHours }),
  }));
  const attempts = people.flatMap((entry) => entry.attempts);
  if (!attacks) return { attempts, people };
  const active = accounts.filter((account) => account.deactivatedAt === null);
  for (let burst = 0; burst < 5; burst++) {
    attempts.push(...generateBruteForce(random, random.pick(active), now - random.int(1, DEMO_DAYS) * DAY_MS));
  }
  attempts.push(...generatePasswordSpray(random, active.slice(0, 25), now - 9 * DAY_MS - 3 * HOUR_MS));
  // A stolen password: guesses, then a success from abroad hours after the person's own sign-in.
  const victim = active.find((account) => account.role === 'member' && account.quietForDays === 0);
  if (victim) attempts.push(...generateStolenPassword(random, victim, now - 2 * DAY_MS - 5 * HOUR_MS));
  return { attempts, people };
}

/** Someone who holds a Northwind Designer seat today: they borrowed it for a trip. */
function demoBorrower(
  accounts: DemoAccount[],
  seats: Map<string, { subscriptionId: string; appKey: string; until: number }[]>,
  now: number,
) {
  for (const account of accounts) {
    if (account.deactivatedAt !== null || account.role === 'owner') continue;
    const seat = seats.get(account.id)?.find((held) => held.appKey === 'designer' && held.until >= now);
    if (seat) return { subscriptionId: seat.subscriptionId, userId: account.id };
  }
  return null;
}

async function recordLastSignIns(deps: AppDeps, accounts: DemoAccount[], attempts: DemoAttempt[]) {
  const last = new Map<string, number>();
  for (const { attempt } of attempts) {
    if (attempt.outcome === 'success' && attempt.userId) last.set(attempt.userId, attempt.occurredAt);
  }
  await deps.database.db.transaction().execute(async (trx) => {
    for (const account of accounts) {
      const at = last.get(account.id);
      if (at !== undefined) await updateUser(trx, account.orgId, account.id, { last_login_at: at, updated_at: at });
    }
  });
}
