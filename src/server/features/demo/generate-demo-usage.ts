import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../lib/time.ts';
import type { AppDevice } from '../activity/index.ts';
import { DEMO_PLACES } from './demo-places.ts';
import type { DemoAccount, DemoAttempt, Workday } from './generate-demo-activity.ts';
import type { SeededRandom } from './random.ts';

/** A seat a demo person holds, and how keen they are on that app. */
export interface DemoSeat {
  subscriptionId: string;
  appKey: string;
  appVersion: string;
  /** Probability of using the app on a day they work. */
  dailyChance: number;
  /** Only days inside [from, until) count (the seat was held then). */
  from: number;
  until: number;
}

export interface DemoAppSession {
  person: DemoAccount;
  seat: DemoSeat;
  device: AppDevice;
  ip: string;
  startedAt: number;
  endedAt: number;
  endReason: 'signed_out' | 'timed_out';
}

/**
 * App use on the days a person works: a session starts a little after they sign in at
 * their desk and lasts from a quarter of an hour to most of the afternoon. Most end with
 * a sign-out; some apps crash or lose the network and time out.
 */
export function generateAppUsage(
  random: SeededRandom,
  person: DemoAccount,
  workdays: Workday[],
  seats: DemoSeat[],
  now: number,
): { sessions: DemoAppSession[]; attempts: DemoAttempt[] } {
  const mac = random.chance(0.3);
  const device: AppDevice = {
    id: `ws-${person.id.slice(0, 8)}`,
    name: `${person.name.split(' ')[0]}’s ${mac ? 'MacBook Pro' : 'workstation'}`,
    type: 'desktop',
    os: mac ? 'macOS' : 'Windows',
    osVersion: mac ? '14.6' : '11',
  };
  const sessions: DemoAppSession[] = [];
  for (const seat of seats) {
    for (const day of workdays) {
      if (day.at < seat.from || day.at >= seat.until || !random.chance(seat.dailyChance)) continue;
      const startedAt = day.at + random.int(2, 40) * MINUTE_MS;
      const endedAt = Math.min(startedAt + random.int(15, 300) * MINUTE_MS, now - HOUR_MS);
      if (endedAt <= startedAt) continue;
      const endReason = random.chance(0.88) ? 'signed_out' : 'timed_out';
      sessions.push({ person, seat, device, ip: day.ip, startedAt, endedAt, endReason });
    }
  }
  const attempts = sessions.map(appSignInAttempt);
  return { sessions, attempts };
}

/**
 * One seat used at the same time from the other side of the world (the license-sharing
 * report's example): a copy of the latest session of the first holder with one in the last
 * three weeks, on another laptop, from São Paulo (or London for someone already there),
 * starting half an hour later and ending with it.
 */
export function sharedSeatSession(sessions: DemoAppSession[], now: number): DemoAppSession | undefined {
  const farAway = (ip: string) => {
    const saoPaulo = DEMO_PLACES.find((place) => place.label === 'São Paulo office');
    const london = DEMO_PLACES.find((place) => place.label === 'London office');
    const place = saoPaulo?.ips.includes(ip) ? london : saoPaulo;
    return place?.ips.find((candidate) => !candidate.includes(':'));
  };
  const recent = sessions
    .filter((session) => session.startedAt > now - 21 * DAY_MS && session.endedAt - session.startedAt > HOUR_MS)
    .sort((a, b) => b.startedAt - a.startedAt);
  const original = recent[0];
  const ip = original && farAway(original.ip);
  if (!original || !ip) return undefined;
  return {
    ...original,
    device: {
      id: `shared-${original.person.id.slice(0, 8)}`,
      name: 'Unknown laptop',
      type: 'desktop',
      os: 'Windows',
      osVersion: '10',
    },
    ip,
    startedAt: original.startedAt + 30 * MINUTE_MS,
    endReason: 'timed_out',
  };
}

/** The app sign-in that opened a session, half a second before it (the sign-in log links the two within a second). */
export function appSignInAttempt(session: DemoAppSession): DemoAttempt {
  return {
    client: { ip: session.ip, userAgent: undefined },
    attempt: {
      orgId: session.person.orgId,
      userId: session.person.id,
      email: session.person.email,
      outcome: 'success',
      failureReason: null,
      client: 'app',
      occurredAt: session.startedAt - 500,
      app: { key: session.seat.appKey, version: session.seat.appVersion, device: session.device },
    },
  };
}
