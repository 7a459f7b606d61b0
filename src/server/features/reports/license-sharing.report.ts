import type { Db } from '../../db/database.ts';
import { toIso } from '../../lib/time.ts';
import { productNames } from './report-helpers.ts';
import type { ReportRange } from './report-range.ts';

/** Two places further apart than this cannot be one person at one desk. */
export const SHARING_DISTANCE_KM = 500;

interface SessionPlace {
  id: number;
  user_id: string;
  app_key: string;
  device_id: string | null;
  device_name: string | null;
  city: string | null;
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  started_at: number;
  end: number;
}

/** Users whose sessions one query reads: bounds the rows in memory and the work between two awaits. */
const USERS_PER_CHUNK = 50;

/**
 * A license-sharing signal: one user's seat of an app in use at the same time on two
 * devices more than 500 km apart. Reads the range's app sessions (not heartbeats), a chunk
 * of users at a time: a three-year range of 10,000 users is millions of sessions, which
 * must neither sit in memory at once nor be compared in one turn of the event loop.
 */
export async function buildLicenseSharingReport(db: Db, orgId: string, range: ReportRange, now: number) {
  const [names, users] = await Promise.all([
    productNames(db),
    db.selectFrom('users').select(['id', 'name', 'email']).where('org_id', '=', orgId).execute(),
  ]);
  const people = new Map(users.map((user) => [user.id, user]));
  const userIds = users.map((user) => user.id).sort();
  const rows: ReturnType<typeof toRow>[] = [];
  for (let start = 0; start < userIds.length; start += USERS_PER_CHUNK) {
    const sessions = await db
      .selectFrom('app_sessions')
      .select([
        'id',
        'user_id',
        'app_key',
        'device_id',
        'device_name',
        'city',
        'country',
        'latitude',
        'longitude',
        'started_at',
        'ended_at',
        'last_heartbeat_at',
      ])
      .where('org_id', '=', orgId)
      .where('user_id', 'in', userIds.slice(start, start + USERS_PER_CHUNK))
      .where('started_at', '<', range.toMs)
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>=', range.fromMs)]))
      .where('latitude', 'is not', null)
      .orderBy('user_id')
      .orderBy('app_key')
      .orderBy('started_at')
      .execute();
    const places: SessionPlace[] = sessions.map((session) => ({
      ...session,
      end: session.ended_at ?? Math.min(now, session.last_heartbeat_at),
    }));
    for (const pair of findOverlaps(places)) rows.push(toRow(pair, names, people));
  }
  return { rows };
}

/** Pairs of sessions of the same user and app that overlap in time on different devices far apart. */
export function findOverlaps(sessions: SessionPlace[]): [SessionPlace, SessionPlace][] {
  const pairs: [SessionPlace, SessionPlace][] = [];
  // Sessions arrive sorted by user, app, start: each is compared with the still-running earlier ones.
  let open: SessionPlace[] = [];
  let group = '';
  for (const session of sessions) {
    const key = `${session.user_id}|${session.app_key}`;
    if (key !== group) {
      open = [];
      group = key;
    }
    open = open.filter((earlier) => earlier.end > session.started_at);
    for (const earlier of open) {
      if (earlier.device_id !== session.device_id && distanceKm(earlier, session) > SHARING_DISTANCE_KM) {
        pairs.push([earlier, session]);
      }
    }
    open.push(session);
  }
  return pairs;
}

/** Great-circle distance (haversine), km. */
export function distanceKm(
  a: { latitude: number | null; longitude: number | null },
  b: { latitude: number | null; longitude: number | null },
): number {
  if (a.latitude === null || a.longitude === null || b.latitude === null || b.longitude === null) return 0;
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function toRow(
  [first, second]: [SessionPlace, SessionPlace],
  names: Map<string, string>,
  people: Map<string, { name: string; email: string }>,
) {
  const place = (session: SessionPlace) => [session.city, session.country].filter(Boolean).join(', ') || null;
  return {
    userId: first.user_id,
    name: people.get(first.user_id)?.name ?? '',
    email: people.get(first.user_id)?.email ?? '',
    app: first.app_key,
    appName: names.get(first.app_key) ?? first.app_key,
    firstDevice: first.device_name,
    firstPlace: place(first),
    secondDevice: second.device_name,
    secondPlace: place(second),
    distanceKm: Math.round(distanceKm(first, second)),
    overlapStartedAt: toIso(second.started_at),
    overlapMinutes: Math.round((Math.min(first.end, second.end) - second.started_at) / 60_000),
  };
}
