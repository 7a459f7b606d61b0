import type { Selectable } from 'kysely';
import type { RiskEvidence } from '../../../contract/risk.ts';
import type { Db } from '../../db/database.ts';
import type { SignInAttemptRow } from '../../db/schema.ts';
import { anonymiseAddressesIn, anonymiseIp } from '../../lib/anonymise-ip.ts';
import { toIso } from '../../lib/time.ts';
import { type ActivityFilters, type ActivityItem, type ActivityPosition, LOGIN_KIND } from './activity.types.ts';
import { addressKey } from './address-key.ts';
import { afterPosition } from './keyset.ts';
import { toLocation } from './stored-location.ts';

/**
 * An attempt to store; its address key (`ip_key`) is derived from `ip` on insert. Risk evidence
 * defaults to none (imports and older test fixtures that carry no flags), the method to a
 * password and the second step to none.
 */
export type NewSignInAttempt = Omit<
  SignInAttemptRow,
  'id' | 'ip_key' | 'risk_details' | 'method' | 'second_factor' | 'step_reason'
> & {
  risk_details?: string;
  method?: string;
  second_factor?: string | null;
  step_reason?: string | null;
};

/**
 * Stores attempts, nothing else: the use case that records them adds them to the reports'
 * aggregates (report-aggregates, addSignInAggregates) in the same transaction, or leaves that
 * to the catch-up job after a bulk import. Every path that records an attempt comes through
 * here, so every row gets the address key the sign-in log's address filter searches.
 */
export async function insertSignInAttempts(db: Db, given: NewSignInAttempt[]): Promise<void> {
  const rows = await withStoredAddresses(db, given);
  // 1,000 rows of 32 values stay below SQLite's bound-parameter limit (32,766).
  for (let start = 0; start < rows.length; start += 1000) {
    await db
      .insertInto('sign_in_attempts')
      .values(
        rows
          .slice(start, start + 1000)
          .map((row) => ({ ...row, ip_key: addressKey(row.ip), risk_details: row.risk_details ?? '[]' })),
      )
      .execute();
  }
}

/**
 * Stores one attempt and answers its id (`returning`, on SQLite and PostgreSQL alike): the
 * sign-in use case links alerts and mails to it in the same transaction.
 */
export async function insertSignInAttempt(db: Db, given: NewSignInAttempt): Promise<number> {
  const [row = given] = await withStoredAddresses(db, [given]);
  const inserted = await db
    .insertInto('sign_in_attempts')
    .values({ ...row, ip_key: addressKey(row.ip), risk_details: row.risk_details ?? '[]' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

/**
 * IP anonymisation 'always' (Settings → Retention and privacy, features/retention): such an
 * organization's attempts are stored with the cut address (/24, /48) and evidence, and the
 * address key of the cut address. The risk checks of the same request saw the whole address
 * before; alerts and per-address failure counts written with it are cut by the retention job.
 */
async function withStoredAddresses(db: Db, rows: NewSignInAttempt[]): Promise<NewSignInAttempt[]> {
  const orgIds = [...new Set(rows.flatMap((row) => (row.org_id === null ? [] : [row.org_id])))];
  if (orgIds.length === 0) return rows;
  const cutting = await db
    .selectFrom('organizations')
    .select('id')
    .where('id', 'in', orgIds)
    .where('ip_anonymisation', '=', 'always')
    .execute();
  if (cutting.length === 0) return rows;
  const cut = new Set(cutting.map((org) => org.id));
  return rows.map((row) =>
    row.org_id !== null && cut.has(row.org_id)
      ? {
          ...row,
          ip: anonymiseIp(row.ip),
          ...(row.risk_details !== undefined && { risk_details: anonymiseAddressesIn(row.risk_details) }),
        }
      : row,
  );
}

/** Up to `limit` of a user's sign-in attempts after `after`, newest first, along (org_id, user_id, occurred_at, id). */
export async function findSignInAttempts(
  db: Db,
  scope: { orgId: string; userId: string },
  filters: ActivityFilters,
  after: ActivityPosition | undefined,
  limit: number,
) {
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
  if (after) query = query.where(afterPosition('occurred_at', LOGIN_KIND, after));
  const rows = await query.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    position: { at: row.occurred_at, kind: LOGIN_KIND, id: row.id } satisfies ActivityPosition,
    item: toLoginItem(row),
  }));
}

/** The API shape of a stored attempt (the sign-in log builds its rows on it too). */
export function toLoginItem(row: Selectable<SignInAttemptRow>): ActivityItem {
  return {
    id: `login-${row.id}`,
    type: 'login',
    occurredAt: toIso(row.occurred_at),
    outcome: row.outcome,
    failureReason: row.failure_reason,
    client: row.client,
    method: row.method,
    secondFactor: row.second_factor,
    stepReason: row.step_reason,
    ip: row.ip,
    location: toLocation(row),
    device: {
      type: row.device_type,
      os: row.os,
      osVersion: row.os_version,
      browser: row.browser,
      browserVersion: row.browser_version,
      app: row.app_key,
      appVersion: row.app_version,
      deviceId: row.device_id,
      name: row.device_name,
    },
    userAgent: row.user_agent,
    risk: parseRisk(row.risk),
    riskDetails: parseRiskDetails(row.risk_details),
    session: null,
  };
}

/** Stored evidence (written by the risk feature from the same contract); anything unreadable shows as none. */
function parseRiskDetails(value: string): RiskEvidence[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as RiskEvidence[]) : [];
  } catch {
    return [];
  }
}

function parseRisk(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((flag): flag is string => typeof flag === 'string') : [];
  } catch {
    return [];
  }
}
