import { HOUR_MS, MINUTE_MS } from '../../lib/time.ts';
import type { AppDevice } from '../activity/record-sign-in-attempt.ts';
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
  const attempts: DemoAttempt[] = sessions.map((session) => ({
    client: { ip: session.ip, userAgent: undefined },
    attempt: {
      orgId: person.orgId,
      userId: person.id,
      email: person.email,
      outcome: 'success',
      failureReason: null,
      client: 'app',
      occurredAt: session.startedAt - 2000,
      app: { key: session.seat.appKey, version: session.seat.appVersion, device },
    },
  }));
  return { sessions, attempts };
}
