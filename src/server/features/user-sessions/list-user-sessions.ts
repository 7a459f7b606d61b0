import type { UserSession } from '../../../contract/user-sessions.ts';
import type { Db } from '../../db/database.ts';
import { toIso } from '../../lib/time.ts';
import { SESSION_IDLE_MS } from '../auth/index.ts';
import { requireUser } from '../users/index.ts';
import { appSessionId, consoleSessionId } from './session-ids.ts';
import {
  type AppSessionListRow,
  type ConsoleSessionRow,
  findLiveAppSessions,
  findLiveConsoleSessions,
} from './user-sessions.repository.ts';

/** Who asks: `currentIdHash` is the asking console session ('' behind an API token: none is current). */
export interface SessionViewer {
  orgId: string;
  currentIdHash: string;
}

/** A user's live console and app sessions, most recently seen first; 404 for a user not in the organization. */
export async function listUserSessions(
  db: Db,
  viewer: SessionViewer,
  userId: string,
  now: number,
): Promise<UserSession[]> {
  await requireUser(db, viewer.orgId, userId);
  const [consoleRows, appRows] = await Promise.all([
    findLiveConsoleSessions(db, viewer.orgId, userId, { now, idleMs: SESSION_IDLE_MS }),
    findLiveAppSessions(db, viewer.orgId, userId, now),
  ]);
  const items = [
    ...consoleRows.map((row) => toConsoleSession(row, viewer.currentIdHash)),
    ...appRows.map(toAppSession),
  ];
  return items.sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt) || a.id.localeCompare(b.id));
}

/** The live sessions of the asking user besides the asking one: what a password change left running. */
export async function countOtherLiveSessions(
  db: Db,
  viewer: SessionViewer & { userId: string },
  now: number,
): Promise<number> {
  const items = await listUserSessions(db, viewer, viewer.userId, now);
  return items.filter((item) => !item.current).length;
}

function toConsoleSession(row: ConsoleSessionRow, currentIdHash: string): UserSession {
  const idleEnd = row.last_seen_at + SESSION_IDLE_MS;
  const endsByIdle = idleEnd < row.expires_at;
  return {
    id: consoleSessionId(row.id_hash),
    kind: 'console',
    current: currentIdHash !== '' && row.id_hash === currentIdHash,
    device: {
      type: deviceType(row.device_type),
      os: row.os,
      osVersion: row.os_version,
      browser: row.browser,
      browserVersion: row.browser_version,
      app: null,
      appVersion: null,
      deviceId: row.device_id,
      name: null,
    },
    ip: row.ip,
    location: location(row),
    startedAt: toIso(row.created_at),
    lastSeenAt: toIso(row.last_seen_at),
    expiresAt: toIso(endsByIdle ? idleEnd : row.expires_at),
    endsBy: endsByIdle ? 'idle' : 'max_age',
    app: null,
  };
}

function toAppSession(row: AppSessionListRow): UserSession {
  return {
    id: appSessionId(row.id),
    kind: 'app',
    current: false,
    device: {
      type: deviceType(row.device_type),
      os: row.os,
      osVersion: row.os_version,
      browser: null,
      browserVersion: null,
      app: row.app_key,
      appVersion: row.app_version,
      deviceId: row.device_id,
      name: row.device_name,
    },
    ip: row.ip,
    location: location(row),
    startedAt: toIso(row.started_at),
    lastSeenAt: toIso(row.last_heartbeat_at),
    expiresAt: toIso(row.last_heartbeat_at + row.heartbeat_interval_s * 3 * 1000),
    endsBy: 'heartbeat',
    app: { key: row.app_key, version: row.app_version },
  };
}

type Place = Pick<
  ConsoleSessionRow,
  'country_code' | 'country' | 'region' | 'city' | 'latitude' | 'longitude' | 'asn' | 'as_organization'
>;

function location(row: Place): UserSession['location'] {
  return {
    countryCode: row.country_code,
    country: row.country,
    region: row.region,
    city: row.city,
    latitude: row.latitude,
    longitude: row.longitude,
    asn: row.asn,
    asOrganization: row.as_organization,
  };
}

const DEVICE_TYPES = new Set(['desktop', 'mobile', 'tablet', 'bot', 'other']);

/** A console session opened before sessions recorded their sign-in has no device: "other". */
function deviceType(type: string | null): UserSession['device']['type'] {
  return type && DEVICE_TYPES.has(type) ? (type as UserSession['device']['type']) : 'other';
}
