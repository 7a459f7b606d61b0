import type { ClientContext } from '../../lib/client-context.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../lib/time.ts';
import type { SignInAttempt } from '../activity/index.ts';
import type { DemoPerson } from './demo-people.ts';
import { DEMO_ATTACKER_PLACES, DEMO_PLACES, type DemoPlace } from './demo-places.ts';
import { DEMO_USER_AGENTS } from './demo-user-agents.ts';
import type { SeededRandom } from './random.ts';

export interface DemoAccount extends DemoPerson {
  id: string;
  orgId: string;
  /** Epoch ms; attempts after it fail as 'deactivated'. */
  deactivatedAt: number | null;
}

export interface DemoAttempt {
  attempt: SignInAttempt;
  client: ClientContext;
}

/** Six months of a person's sign-ins: working days at the office, phones, trips, typos. */
export function generatePersonActivity(
  random: SeededRandom,
  person: DemoAccount,
  options: { now: number; days: number; utcOffsetHours: (place: DemoPlace) => number },
): { attempts: DemoAttempt[]; workdays: Workday[] } {
  const attempts: DemoAttempt[] = [];
  const workdays: Workday[] = [];
  const home = random.pickWeighted(DEMO_PLACES);
  const agents = Object.fromEntries(
    person.devices.map((device) => [device, random.pick(DEMO_USER_AGENTS[device])]),
  ) as Record<string, string>;
  const officeIp = random.pick(home.ips);
  const lastDay = Math.max(person.quietForDays, person.deactivation?.daysAgo ?? 0);
  let trip: { place: DemoPlace; daysLeft: number } | undefined;

  for (let daysAgo = options.days; daysAgo >= lastDay; daysAgo--) {
    const dayStart = startOfUtcDay(options.now - daysAgo * DAY_MS);
    const weekday = new Date(dayStart).getUTCDay();
    const working = weekday !== 0 && weekday !== 6;
    // A trip's first and last days are spent travelling, without a sign-in: people fly, they do
    // not appear on the other side of the world within hours (that is the impossible-travel flag's job).
    let travelling = false;
    if (!trip && random.chance(0.012)) {
      trip = { place: random.pick(DEMO_PLACES.filter((p) => p !== home)), daysLeft: random.int(3, 8) };
      travelling = true;
    }
    const place = trip?.place ?? home;
    if (trip && --trip.daysLeft <= 0) {
      trip = undefined;
      travelling = true;
    }
    if (!random.chance(working ? person.diligence : 0.06) || travelling) continue;

    const localHour = random.int(7, 17) + random.next();
    const at = Math.round(dayStart + (localHour - options.utcOffsetHours(place)) * HOUR_MS);
    if (at > options.now - person.quietForDays * DAY_MS || at > options.now) continue;
    const ip = place === home ? officeIp : random.pick(place.ips);
    const userAgent = agents.desktop ?? Object.values(agents)[0];
    if (random.chance(0.05)) {
      attempts.push(entry(person, at - random.int(1, 3) * MINUTE_MS, 'failure', ip, userAgent));
    }
    attempts.push(entry(person, at, 'success', ip, userAgent));
    if (person.deactivatedAt === null || at < person.deactivatedAt) workdays.push({ at, ip });
    const handheld = agents.mobile ?? agents.tablet;
    if (handheld && random.chance(0.3)) {
      const later = at + random.int(1, 6) * HOUR_MS;
      if (later < options.now) attempts.push(entry(person, later, 'success', random.pick(place.ips), handheld));
    }
  }
  return { attempts, workdays };
}

/** A day a person signed in at their desk: when (ms) and from which address; apps are used on these days. */
export interface Workday {
  at: number;
  ip: string;
}

/** Password guessing on one account from one address, throttled after the fifth failure. */
export function generateBruteForce(random: SeededRandom, person: DemoAccount, at: number): DemoAttempt[] {
  const place = random.pick(DEMO_ATTACKER_PLACES);
  const ip = random.pick(place.ips);
  const userAgent = random.pick(DEMO_USER_AGENTS.attacker);
  const count = random.int(12, 40);
  return Array.from({ length: count }, (_, index) => {
    const demo = entry(person, at + index * random.int(5, 40) * 1000, 'failure', ip, userAgent);
    if (index >= 5) demo.attempt.failureReason = 'throttled';
    return demo;
  });
}

/**
 * A password that leaked: a few wrong guesses, then the right one, from a hosting network abroad
 * with a browser the person never used — a takeover after failures, from a new country, too fast
 * after the person's own sign-in at home (the travel is impossible).
 */
export function generateStolenPassword(random: SeededRandom, person: DemoAccount, at: number): DemoAttempt[] {
  const place = random.pick(DEMO_ATTACKER_PLACES);
  const ip = random.pick(place.ips);
  const userAgent = random.pick(DEMO_USER_AGENTS.attacker);
  const guesses = Array.from({ length: 6 }, (_, index) => entry(person, at + index * 40_000, 'failure', ip, userAgent));
  return [...guesses, entry(person, at + 6 * 40_000 + 15_000, 'success', ip, userAgent)];
}

/** One address trying a common password on many accounts, real and made up. */
export function generatePasswordSpray(random: SeededRandom, people: DemoAccount[], at: number): DemoAttempt[] {
  const place = random.pick(DEMO_ATTACKER_PLACES);
  const ip = random.pick(place.ips);
  const userAgent = DEMO_USER_AGENTS.attacker[0];
  const attempts: DemoAttempt[] = [];
  people.forEach((person, index) => {
    attempts.push(entry(person, at + index * 20_000, 'failure', ip, userAgent));
  });
  for (const guess of ['admin', 'info', 'sales', 'it-support', 'hr']) {
    attempts.push({
      client: { ip, userAgent },
      attempt: {
        orgId: null,
        userId: null,
        email: `${guess}@${people[0]?.email.split('@')[1] ?? 'example.com'}`,
        outcome: 'failure',
        failureReason: 'unknown_account',
        client: 'console',
        occurredAt: at + random.int(0, 600) * 1000,
      },
    });
  }
  return attempts;
}

function entry(
  person: DemoAccount,
  occurredAt: number,
  outcome: 'success' | 'failure',
  ip: string,
  userAgent: string | undefined,
): DemoAttempt {
  const deactivated = person.deactivatedAt !== null && occurredAt > person.deactivatedAt;
  return {
    client: { ip, userAgent },
    attempt: {
      orgId: person.orgId,
      userId: person.id,
      email: person.email,
      outcome: deactivated ? 'failure' : outcome,
      failureReason: deactivated ? 'deactivated' : outcome === 'failure' ? 'invalid_password' : null,
      client: 'console',
      occurredAt,
    },
  };
}

function startOfUtcDay(ms: number): number {
  return ms - (ms % DAY_MS);
}
