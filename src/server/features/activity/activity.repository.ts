import { type Selectable, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SignInAttemptRow } from '../../db/schema.ts';
import { decodeCursor, encodeCursor } from '../../http/paging.ts';
import { toIso } from '../../lib/time.ts';
import type { GeoLocation } from '../geo/geoip.ts';

export type NewSignInAttempt = Omit<SignInAttemptRow, 'id'>;

/** The API shape of one Activity row. */
export interface ActivityItem {
  id: string;
  type: 'login';
  occurredAt: string;
  outcome: 'success' | 'failure';
  failureReason: string | null;
  client: string;
  ip: string;
  location: GeoLocation | null;
  device: {
    type: string;
    os: string | null;
    osVersion: string | null;
    browser: string | null;
    browserVersion: string | null;
    app: string | null;
    appVersion: string | null;
    deviceId: string | null;
  };
  userAgent: string | null;
  risk: string[];
}

export interface ActivityFilters {
  /** Inclusive lower bound, epoch ms. */
  from?: number | undefined;
  /** Exclusive upper bound, epoch ms. */
  to?: number | undefined;
  outcome?: 'success' | 'failure' | undefined;
  deviceType?: string | undefined;
  country?: string | undefined;
  app?: string | undefined;
}

export async function insertSignInAttempts(db: Db, rows: NewSignInAttempt[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('sign_in_attempts').values(rows).execute();
}

/**
 * One page of a user's activity, newest first. Keyset-paged on (occurred_at, id) along
 * the (org_id, user_id, occurred_at, id) index: page 1,000 costs what page 1 costs.
 */
export async function findActivityPage(
  db: Db,
  scope: { orgId: string; userId: string },
  filters: ActivityFilters,
  page: { cursor?: string | undefined; limit: number },
) {
  const after = decodeCursor(page.cursor, ['number', 'number']);
  let query = db
    .selectFrom('sign_in_attempts')
    .selectAll()
    .where('org_id', '=', scope.orgId)
    .where('user_id', '=', scope.userId);
  if (filters.from !== undefined) query = query.where('occurred_at', '>=', filters.from);
  if (filters.to !== undefined) query = query.where('occurred_at', '<', filters.to);
  if (filters.outcome) query = query.where('outcome', '=', filters.outcome);
  if (filters.deviceType) query = query.where('device_type', '=', filters.deviceType);
  if (filters.country) query = query.where('country_code', '=', filters.country.toUpperCase());
  if (filters.app) query = query.where('app_key', '=', filters.app);
  if (after) query = query.where(sql<SqlBool>`(occurred_at, id) < (${after[0]}, ${after[1]})`);
  const rows = await query
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toActivityItem),
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.occurred_at, last.id]) : null,
  };
}

/** Every matching row, page by page, for a CSV export that never holds years of history in memory. */
export async function* iterateActivity(
  db: Db,
  scope: { orgId: string; userId: string },
  filters: ActivityFilters,
): AsyncGenerator<ActivityItem> {
  let cursor: string | undefined;
  do {
    const page = await findActivityPage(db, scope, filters, { cursor, limit: 1000 });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

function toActivityItem(row: Selectable<SignInAttemptRow>): ActivityItem {
  const hasLocation = row.country_code !== null || row.latitude !== null || row.asn !== null;
  return {
    id: String(row.id),
    type: 'login',
    occurredAt: toIso(row.occurred_at),
    outcome: row.outcome,
    failureReason: row.failure_reason,
    client: row.client,
    ip: row.ip,
    location: hasLocation
      ? {
          countryCode: row.country_code,
          country: row.country,
          region: row.region,
          city: row.city,
          latitude: row.latitude,
          longitude: row.longitude,
          asn: row.asn,
          asOrganization: row.as_organization,
        }
      : null,
    device: {
      type: row.device_type,
      os: row.os,
      osVersion: row.os_version,
      browser: row.browser,
      browserVersion: row.browser_version,
      app: row.app_key,
      appVersion: row.app_version,
      deviceId: row.device_id,
    },
    userAgent: row.user_agent,
    risk: parseRisk(row.risk),
  };
}

function parseRisk(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((flag): flag is string => typeof flag === 'string') : [];
  } catch {
    return [];
  }
}
