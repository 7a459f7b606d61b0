import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AppSessionRow } from '../../db/schema.ts';
import { toIso } from '../../lib/time.ts';
import { type ActivityFilters, type ActivityItem, type ActivityPosition, SESSION_KIND } from './activity.types.ts';
import { afterPosition } from './keyset.ts';
import { toLocation } from './stored-location.ts';

/** Up to `limit` of a user's app sessions after `after`, newest start first, along (org_id, user_id, started_at, id). */
export async function findAppSessionActivity(
  db: Db,
  scope: { orgId: string; userId: string },
  filters: ActivityFilters,
  after: ActivityPosition | undefined,
  limit: number,
  now: number,
) {
  // App sessions are uses, never failures.
  if (filters.outcome === 'failure') return [];
  let query = db
    .selectFrom('app_sessions')
    .selectAll()
    .where('org_id', '=', scope.orgId)
    .where('user_id', '=', scope.userId);
  if (filters.from !== undefined) query = query.where('started_at', '>=', filters.from);
  if (filters.to !== undefined) query = query.where('started_at', '<', filters.to);
  if (filters.deviceType) query = query.where('device_type', '=', filters.deviceType);
  if (filters.country) query = query.where('country_code', '=', filters.country.toUpperCase());
  if (filters.app) query = query.where('app_key', '=', filters.app);
  if (after) query = query.where(afterPosition('started_at', SESSION_KIND, after));
  const rows = await query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    position: { at: row.started_at, kind: SESSION_KIND, id: row.id } satisfies ActivityPosition,
    item: toSessionItem(row, now),
  }));
}

/**
 * A session still open in the table but silent for 3 intervals is shown as ended at its
 * last heartbeat, as the sweeper will record it, so the page never says "in use" wrongly.
 */
export function toSessionItem(row: Selectable<AppSessionRow>, now: number): ActivityItem {
  const silent = row.ended_at === null && now - row.last_heartbeat_at > row.heartbeat_interval_s * 3000;
  const endedAt = row.ended_at ?? (silent ? row.last_heartbeat_at : null);
  const end = endedAt ?? now;
  return {
    id: `session-${row.id}`,
    type: 'app_session',
    occurredAt: toIso(row.started_at),
    outcome: 'success',
    failureReason: null,
    client: 'app',
    method: row.method,
    secondFactor: null,
    stepReason: null,
    ip: row.ip,
    location: toLocation(row),
    device: {
      type: row.device_type,
      os: row.os,
      osVersion: row.os_version,
      browser: null,
      browserVersion: null,
      app: row.app_key,
      appVersion: row.app_version,
      deviceId: row.device_id,
      name: row.device_name,
    },
    userAgent: null,
    risk: [],
    riskDetails: [],
    session: {
      startedAt: toIso(row.started_at),
      lastHeartbeatAt: toIso(row.last_heartbeat_at),
      endedAt: toIso(endedAt),
      endReason: row.end_reason ?? (silent ? 'timed_out' : null),
      durationSeconds: Math.max(0, Math.round((end - row.started_at) / 1000)),
      active: endedAt === null,
    },
  };
}
