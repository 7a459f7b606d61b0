import { type Selectable, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SignInAttemptRow, UserStatus } from '../../db/schema.ts';
import { toIso } from '../../lib/time.ts';
import { toLoginItem, toSessionItem } from '../activity/index.ts';
import type { AddressRange } from './address-filter.ts';
import type { SignInFilters, SignInItem, SignInPlace, SignInPosition, StartedAppSession } from './sign-ins.types.ts';

/** The `app` filter's name for the web console (console sign-ins carry no app key). */
export const CONSOLE_APP = 'console';

/** A stored attempt as the use cases need it: its API shape and the keys its detail looks up by. */
export interface SignInRecord {
  item: SignInItem;
  position: SignInPosition;
  userId: string | null;
  /** `ip_key` (null when `ip` is not an address) and `ip`, for "everything from this address". */
  addressKey: string | null;
  ip: string;
  client: string;
  outcome: 'success' | 'failure';
  appKey: string | null;
  deviceId: string | null;
  latitude: number | null;
  longitude: number | null;
}

type JoinedRow = Selectable<SignInAttemptRow> & {
  user_name: string | null;
  user_email: string | null;
  user_status: UserStatus | null;
};

/**
 * Rows of the time index a network filter reads first (see findSignIns): a network holding at
 * least ~1 % of the rows after the cursor fills a page from them.
 */
const NETWORK_PROBE_ROWS = 5000;

const ACCOUNT_COLUMNS = ['u.name as user_name', 'u.email as user_email', 'u.status as user_status'] as const;

/** The organization's attempts. */
function attempts(db: Db, orgId: string) {
  return db.selectFrom('sign_in_attempts as s').where('s.org_id', '=', orgId);
}

/** …with their account (its name and status today). */
function withAccount(query: ReturnType<typeof attempts>) {
  return query
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 's.user_id').onRef('u.org_id', '=', 's.org_id'))
    .selectAll('s')
    .select(ACCOUNT_COLUMNS);
}

function selectSignIns(db: Db, orgId: string) {
  return withAccount(attempts(db, orgId));
}

/** The filters and the cursor as conditions; the address range only when `byAddress`. */
function narrow(
  query: ReturnType<typeof attempts>,
  filters: SignInFilters,
  after: SignInPosition | undefined,
  byAddress: boolean,
) {
  let narrowed = query;
  if (filters.userId !== undefined) narrowed = narrowed.where('s.user_id', '=', filters.userId);
  if (filters.address && byAddress) {
    const { first, last } = filters.address;
    narrowed =
      first === last
        ? narrowed.where('s.ip_key', '=', first)
        : narrowed.where('s.ip_key', '>=', first).where('s.ip_key', '<=', last);
  }
  if (filters.app === CONSOLE_APP) {
    narrowed = narrowed.where('s.app_key', 'is', null).where('s.client', '=', 'console');
  } else if (filters.app !== undefined) narrowed = narrowed.where('s.app_key', '=', filters.app);
  if (filters.outcome) narrowed = narrowed.where('s.outcome', '=', filters.outcome);
  if (filters.failureReason) narrowed = narrowed.where('s.failure_reason', '=', filters.failureReason);
  if (filters.country) narrowed = narrowed.where('s.country_code', '=', filters.country.toUpperCase());
  if (filters.deviceType) narrowed = narrowed.where('s.device_type', '=', filters.deviceType);
  if (filters.from !== undefined) narrowed = narrowed.where('s.occurred_at', '>=', filters.from);
  if (filters.to !== undefined) narrowed = narrowed.where('s.occurred_at', '<', filters.to);
  if (after) narrowed = narrowed.where(sql<SqlBool>`(s.occurred_at, s.id) < (${after.at}, ${after.id})`);
  return narrowed;
}

/**
 * Up to `limit` of the organization's attempts after `after`, newest first. Each filter is an
 * equality on a column that leads an (org_id, column, occurred_at, id) index after org_id
 * (migration 0008), so a page is one range scan in the list's order whatever its depth.
 *
 * A network is a range of address keys instead: its index gives the network's rows in address
 * order, to be sorted by time, which costs what the network holds. That is right for a /24 of a
 * few hundred rows and wrong for 10.0.0.0/8 holding half the log, where reading the time index
 * and skipping other addresses fills a page at once (PostgreSQL's planner knows which from its
 * statistics; SQLite's, without them, always takes the range). So a network is looked for first
 * among the next NETWORK_PROBE_ROWS rows in time order: a full page there is the right page (they
 * are the newest after the cursor); otherwise the network's own index answers.
 */
export async function findSignIns(
  db: Db,
  orgId: string,
  filters: SignInFilters,
  after: SignInPosition | undefined,
  limit: number,
): Promise<SignInRecord[]> {
  const { address } = filters;
  if (address && address.first !== address.last) {
    const recent = await findInNextRows(db, orgId, filters, address, after, limit);
    if (recent.length === limit) return recent.map(toRecord);
  }
  const rows = await withAccount(narrow(attempts(db, orgId), filters, after, true))
    .orderBy('s.occurred_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

/** Up to `limit` rows of `network` among the NETWORK_PROBE_ROWS rows after `after` that the other filters keep. */
function findInNextRows(
  db: Db,
  orgId: string,
  filters: SignInFilters,
  network: AddressRange,
  after: SignInPosition | undefined,
  limit: number,
) {
  const next = narrow(attempts(db, orgId), filters, after, false)
    .selectAll('s')
    .orderBy('s.occurred_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(NETWORK_PROBE_ROWS);
  return db
    .selectFrom(next.as('next'))
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'next.user_id').onRef('u.org_id', '=', 'next.org_id'))
    .selectAll('next')
    .select(ACCOUNT_COLUMNS)
    .where('next.ip_key', '>=', network.first)
    .where('next.ip_key', '<=', network.last)
    .orderBy('next.occurred_at', 'desc')
    .orderBy('next.id', 'desc')
    .limit(limit)
    .execute();
}

export async function findSignInById(db: Db, orgId: string, id: number): Promise<SignInRecord | undefined> {
  const row = await selectSignIns(db, orgId).where('s.id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/**
 * The organization's attempts among `ids` (others' ids are ignored), newest first, in the API
 * shape; at most 1,000 ids per call (the alert detail asks for 100).
 */
export async function findSignInsByIds(db: Db, orgId: string, ids: readonly number[]): Promise<SignInItem[]> {
  const wanted = ids.filter((id) => Number.isSafeInteger(id)).slice(0, 1000);
  if (wanted.length === 0) return [];
  const rows = await selectSignIns(db, orgId)
    .where('s.id', 'in', wanted)
    .orderBy('s.occurred_at', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((row) => toRecord(row).item);
}

/** The user's attempt just before `before` (any outcome), along (org_id, user_id, occurred_at, id). */
export async function findPreviousSignIn(
  db: Db,
  orgId: string,
  userId: string,
  before: SignInPosition,
): Promise<SignInRecord | undefined> {
  const row = await selectSignIns(db, orgId)
    .where('s.user_id', '=', userId)
    .where(sql<SqlBool>`(s.occurred_at, s.id) < (${before.at}, ${before.id})`)
    .orderBy('s.occurred_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toRecord(row);
}

/** The organization's attempts from one address, all time: a count over the (org_id, ip_key, …) index. */
export async function countSignInsFromAddress(
  db: Db,
  orgId: string,
  address: { addressKey: string | null; ip: string },
): Promise<number> {
  let query = db
    .selectFrom('sign_in_attempts')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('org_id', '=', orgId);
  // A row stored without a key (its ip is no address) is matched by its text, as it was stored.
  query =
    address.addressKey === null ? query.where('ip', '=', address.ip) : query.where('ip_key', '=', address.addressKey);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * The app session an app sign-in opened. Nothing links the two rows: startAppSession writes both
 * in one transaction with the same `now` (the demo seeder likewise), so the session is the one of
 * the same user, app and device that started in the same second, looked up along
 * (org_id, user_id, started_at, id). `now` decides whether a silent session has ended.
 */
export async function findStartedAppSession(
  db: Db,
  orgId: string,
  signIn: { userId: string; appKey: string; deviceId: string | null; at: number },
  now: number,
): Promise<StartedAppSession | null> {
  let query = db
    .selectFrom('app_sessions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('user_id', '=', signIn.userId)
    .where('started_at', '>=', signIn.at)
    .where('started_at', '<', signIn.at + 1000)
    .where('app_key', '=', signIn.appKey);
  query =
    signIn.deviceId === null ? query.where('device_id', 'is', null) : query.where('device_id', '=', signIn.deviceId);
  const row = await query.orderBy('started_at').orderBy('id').limit(1).executeTakeFirst();
  if (!row) return null;
  const session = toSessionItem(row, now).session;
  if (!session) return null;
  return { id: String(row.id), app: row.app_key, ...session };
}

/**
 * Where a user signed in successfully, grouped by place (a GeoIP position and its names), most
 * used first; at most `limit` places (a map of more shows nothing more).
 */
export async function findSignInPlaces(db: Db, orgId: string, userId: string, limit: number): Promise<SignInPlace[]> {
  const rows = await db
    .selectFrom('sign_in_attempts')
    .select(['country_code', 'country', 'region', 'city', 'latitude', 'longitude'])
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('occurred_at').as('last_at')])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('outcome', '=', 'success')
    .where('latitude', 'is not', null)
    .where('longitude', 'is not', null)
    .groupBy(['latitude', 'longitude', 'country_code', 'country', 'region', 'city'])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy(sql`max(occurred_at)`, 'desc')
    .orderBy('latitude')
    .orderBy('longitude')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    countryCode: row.country_code,
    country: row.country,
    region: row.region,
    city: row.city,
    latitude: Number(row.latitude),
    longitude: Number(row.longitude),
    count: Number(row.count),
    lastAt: toIso(Number(row.last_at)),
  }));
}

function toRecord(row: JoinedRow): SignInRecord {
  const { id: _loginId, type: _type, session: _session, ...login } = toLoginItem(row);
  const user =
    row.user_id !== null && row.user_name !== null && row.user_email !== null && row.user_status !== null
      ? { id: row.user_id, name: row.user_name, email: row.user_email, status: row.user_status }
      : null;
  return {
    item: { id: String(row.id), email: row.email, user, ...login },
    position: { at: row.occurred_at, id: row.id },
    userId: row.user_id,
    addressKey: row.ip_key,
    ip: row.ip,
    client: row.client,
    outcome: row.outcome,
    appKey: row.app_key,
    deviceId: row.device_id,
    latitude: row.latitude,
    longitude: row.longitude,
  };
}
