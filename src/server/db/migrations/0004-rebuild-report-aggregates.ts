import { type Kysely, sql } from 'kysely';

/**
 * Migration 0004's fill of the report aggregates from the events already stored: a frozen copy
 * of the catch-up job (report-aggregates/rebuild-report-aggregates.ts) as it ran when 0004 was
 * written, against the tables as they are right after 0004. It imports no application code, so
 * a later change to the aggregates cannot change what an old database upgrades to; only
 * 0004_report_running_totals.ts imports it. Do not edit it to follow the live code: a change to
 * the aggregates that needs existing data recomputed ships its own migration.
 *
 * The tables are new and empty when this runs, so each user's rows are computed in memory and
 * inserted once (the live job merges into existing rows with upserts; the result is the same).
 */
export async function rebuildReportAggregatesAt0004(db: Kysely<unknown>, orgId: string): Promise<void> {
  // SQLite runs migrations outside a transaction: one per organization, as the job did.
  if (!db.isTransaction) return db.transaction().execute((trx) => rebuildReportAggregatesAt0004(trx, orgId));
  const { rows: organizations } = await sql<{
    time_zone: string;
  }>`select time_zone from organizations where id = ${orgId}`.execute(db);
  const timeZone = organizations[0]?.time_zone ?? 'UTC';
  const { rows: users } = await sql<{ id: string }>`select id from users where org_id = ${orgId} order by id`.execute(
    db,
  );
  const orgDays = new Map<string, { successful: number; failed: number; throttled: number }>();
  const activeUsers = new Map<string, { app: string; day: string; users: number; weekly: number; monthly: number }>();
  for (const { id: userId } of users) {
    await rebuildUserSignIns(db, orgId, userId, timeZone, orgDays);
    await rebuildUserAppUsage(db, orgId, userId, activeUsers);
  }
  await insertRows(
    db,
    'org_daily_sign_ins',
    ['org_id', 'day', 'successful', 'failed', 'throttled'],
    sortedEntries(orgDays).map(([day, totals]) => [orgId, day, totals.successful, totals.failed, totals.throttled]),
  );
  await insertRows(
    db,
    'org_daily_active_users',
    ['org_id', 'app_key', 'day', 'users', 'weekly_change', 'monthly_change'],
    sortedEntries(activeUsers).map(([, row]) => [orgId, row.app, row.day, row.users, row.weekly, row.monthly]),
  );
}

interface AttemptRow {
  occurred_at: number | string;
  outcome: string;
  failure_reason: string | null;
  ip: string;
  device_id: string | null;
  device_type: string;
  os: string | null;
  browser: string | null;
  country_code: string | null;
}

/** Running totals (a row for every day from the first to the latest), day bitmaps, key spans and failures. */
async function rebuildUserSignIns(
  db: Kysely<unknown>,
  orgId: string,
  userId: string,
  timeZone: string,
  orgDays: Map<string, { successful: number; failed: number; throttled: number }>,
) {
  const { rows } = await sql<AttemptRow>`
    select occurred_at, outcome, failure_reason, ip, device_id, device_type, os, browser, country_code
    from sign_in_attempts where org_id = ${orgId} and user_id = ${userId}`.execute(db);
  const perDay = new Map<
    string,
    { successful: number; failed: number; throttled: number; lastFailedAt: number | null }
  >();
  const bitmaps = new Map<string, { kind: string; value: string; year: number; words: number[] }>();
  const spans = new Map<string, { kind: string; value: string; first: string; last: string }>();
  const failures = new Map<string, { day: string; ip: string; failed: number; lastAt: number }>();
  for (const row of rows) {
    const at = Number(row.occurred_at);
    const day = localDay(at, timeZone);
    const failed = row.outcome === 'success' ? 0 : 1;
    const throttled = row.failure_reason === 'throttled' ? 1 : 0;
    const orgDay = orgDays.get(day) ?? { successful: 0, failed: 0, throttled: 0 };
    orgDay.successful += 1 - failed;
    orgDay.failed += failed;
    orgDay.throttled += throttled;
    orgDays.set(day, orgDay);
    const userDay = perDay.get(day) ?? { successful: 0, failed: 0, throttled: 0, lastFailedAt: null };
    userDay.successful += 1 - failed;
    userDay.failed += failed;
    userDay.throttled += throttled;
    if (failed) userDay.lastFailedAt = Math.max(userDay.lastFailedAt ?? 0, at);
    perDay.set(day, userDay);
    // A device is an app's own device id, or the browser's type, OS and browser.
    const device = row.device_id ? `app:${row.device_id}` : `${row.device_type}:${row.os ?? '?'}:${row.browser ?? '?'}`;
    const keys = [{ kind: 'device', value: device }];
    if (row.country_code) keys.push({ kind: 'country', value: row.country_code });
    for (const { kind, value } of keys) {
      setBit(bitmaps, JSON.stringify([kind, value]), { kind, value }, day);
      const id = JSON.stringify([kind, value]);
      const span = spans.get(id) ?? { kind, value, first: day, last: day };
      if (day < span.first) span.first = day;
      if (day > span.last) span.last = day;
      spans.set(id, span);
    }
    if (failed) {
      const id = `${day}|${row.ip}`;
      const failure = failures.get(id) ?? { day, ip: row.ip, failed: 0, lastAt: 0 };
      failure.failed++;
      failure.lastAt = Math.max(failure.lastAt, at);
      failures.set(id, failure);
    }
  }
  if (perDay.size > 0) {
    const days = sortedEntries(perDay);
    const running = { successful: 0, failed: 0, throttled: 0, lastFailedAt: null as number | null };
    const dense: unknown[][] = [];
    walkDays(days, (day, delta) => {
      if (delta) {
        running.successful += delta.successful;
        running.failed += delta.failed;
        running.throttled += delta.throttled;
        running.lastFailedAt = maxOrNull(running.lastFailedAt, delta.lastFailedAt);
      }
      dense.push([orgId, day, userId, running.successful, running.failed, running.throttled, running.lastFailedAt]);
    });
    const totals = ['successful', 'failed', 'throttled', 'last_failed_at'];
    await insertRows(db, 'sign_in_running_totals', ['org_id', 'day', 'user_id', ...totals], dense);
    await insertRows(
      db,
      'sign_in_running_totals_latest',
      ['org_id', 'user_id', 'first_day', 'last_day', ...totals],
      [
        [
          orgId,
          userId,
          days[0]?.[0],
          days.at(-1)?.[0],
          running.successful,
          running.failed,
          running.throttled,
          running.lastFailedAt,
        ],
      ],
    );
  }
  await insertRows(
    db,
    'sign_in_key_days',
    ['org_id', 'year', 'user_id', 'kind', 'value', ...WORD_COLUMNS],
    sortedEntries(bitmaps).map(([, row]) => [orgId, row.year, userId, row.kind, row.value, ...row.words]),
  );
  await insertRows(
    db,
    'sign_in_keys',
    ['org_id', 'user_id', 'kind', 'value', 'first_day', 'last_day'],
    sortedEntries(spans).map(([, span]) => [
      orgId,
      userId,
      span.kind === 'country' ? 'country' : 'device',
      span.value,
      span.first,
      span.last,
    ]),
  );
  await insertRows(
    db,
    'daily_failed_sign_ins',
    ['org_id', 'day', 'ip', 'user_id', 'failed', 'last_at'],
    sortedEntries(failures).map(([, failure]) => [
      orgId,
      failure.day,
      failure.ip,
      userId,
      failure.failed,
      failure.lastAt,
    ]),
  );
}

/** The app key under which usage is also counted for all apps together. */
const ANY_APP = '';
/** A neighbouring active day within this many days changes what a new one covers (the 30-day window − 1). */
const LOOK_AROUND = 29;
const WINDOWS = { weekly: 7, monthly: 30 } as const;

/** Running totals per app and for all apps together, active-day bitmaps, and active-user changes. */
async function rebuildUserAppUsage(
  db: Kysely<unknown>,
  orgId: string,
  userId: string,
  activeUsers: Map<string, { app: string; day: string; users: number; weekly: number; monthly: number }>,
) {
  const { rows } = await sql<{
    app_key: string;
    day: string;
    sessions: number | string;
    active_seconds: number | string;
  }>`
    select app_key, day, sessions, active_seconds from daily_app_usage
    where org_id = ${orgId} and user_id = ${userId} and (sessions > 0 or active_seconds > 0)`.execute(db);
  // Per app and day, each row counted under its app and under ANY_APP.
  const perAppDay = new Map<string, { app: string; day: string; sessions: number; seconds: number }>();
  const bitmaps = new Map<string, { app: string; year: number; words: number[] }>();
  for (const row of rows) {
    for (const app of [row.app_key, ANY_APP]) {
      const id = `${app}|${row.day}`;
      const entry = perAppDay.get(id) ?? { app, day: row.day, sessions: 0, seconds: 0 };
      entry.sessions += Number(row.sessions);
      entry.seconds += Number(row.active_seconds);
      perAppDay.set(id, entry);
      setBit(bitmaps, JSON.stringify([app]), { app }, row.day);
    }
  }
  const perApp = new Map<string, [string, { sessions: number; seconds: number }][]>();
  for (const [, entry] of sortedEntries(perAppDay)) {
    const days = perApp.get(entry.app) ?? [];
    days.push([entry.day, { sessions: entry.sessions, seconds: entry.seconds }]);
    perApp.set(entry.app, days);
  }
  for (const [app, days] of perApp) {
    // Days in order, each one new: its nearest earlier active day within LOOK_AROUND, none after.
    let previous: number | null = null;
    for (const [day] of days) {
      const current = dayNumber(day);
      const near = previous !== null && current - previous <= LOOK_AROUND ? previous : null;
      for (const change of activeUserChanges(near, current)) {
        const date = dateOfDayNumber(change.day);
        const id = `${app}|${date}`;
        const row = activeUsers.get(id) ?? { app, day: date, users: 0, weekly: 0, monthly: 0 };
        row.users += change.users;
        row.weekly += change.weekly;
        row.monthly += change.monthly;
        activeUsers.set(id, row);
      }
      previous = current;
    }
    const running = { sessions: 0, seconds: 0, days: 0 };
    const dense: unknown[][] = [];
    walkDays(days, (day, delta) => {
      if (delta) {
        running.sessions += delta.sessions;
        running.seconds += delta.seconds;
        running.days += 1;
      }
      dense.push([orgId, day, userId, app, running.sessions, running.seconds, running.days]);
    });
    const totals = ['sessions', 'active_seconds', 'active_days'];
    await insertRows(db, 'app_usage_running_totals', ['org_id', 'day', 'user_id', 'app_key', ...totals], dense);
    await insertRows(
      db,
      'app_usage_running_totals_latest',
      ['org_id', 'user_id', 'app_key', 'first_day', 'last_day', ...totals],
      [[orgId, userId, app, days[0]?.[0], days.at(-1)?.[0], running.sessions, running.seconds, running.days]],
    );
  }
  await insertRows(
    db,
    'app_active_days',
    ['org_id', 'year', 'user_id', 'app_key', ...WORD_COLUMNS],
    sortedEntries(bitmaps).map(([, row]) => [orgId, row.year, userId, row.app, ...row.words]),
  );
}

/**
 * The active-user changes when `day` is a user's newest active day and `previous` the one before
 * it (null when more than LOOK_AROUND days back): +1 user on the day; for each window, +1 where
 * the stretch it newly covers starts and −1 after it ends.
 */
function activeUserChanges(previous: number | null, day: number) {
  const changes = new Map<number, { day: number; users: number; weekly: number; monthly: number }>();
  const at = (when: number) => {
    const change = changes.get(when) ?? { day: when, users: 0, weekly: 0, monthly: 0 };
    changes.set(when, change);
    return change;
  };
  at(day).users += 1;
  for (const [name, size] of Object.entries(WINDOWS) as ['weekly' | 'monthly', number][]) {
    const start = previous === null ? day : Math.max(day, previous + size);
    const end = day + size - 1;
    if (start <= end) {
      at(start)[name] += 1;
      at(end + 1)[name] -= 1;
    }
  }
  return [...changes.values()];
}

/** Calls `visit` for every day from the first to the last of `days` (sorted), with that day's delta or none. */
function walkDays<T>(days: [string, T][], visit: (day: string, delta: T | undefined) => void) {
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return;
  const byDay = new Map(days);
  for (let day = dayNumber(first[0]); day <= dayNumber(last[0]); day++) {
    const date = dateOfDayNumber(day);
    visit(date, byDay.get(date));
  }
}

const WORDS = 12;
const BITS = 31;
const WORD_COLUMNS = Array.from({ length: WORDS }, (_, word) => `w${word}`);

/** Sets a day's bit in the row of its year: day-of-year i is bit i % 31 of word ⌊i / 31⌋. */
function setBit<K extends object>(
  rows: Map<string, K & { year: number; words: number[] }>,
  key: string,
  values: K,
  day: string,
) {
  const year = Number(day.slice(0, 4));
  const index = dayNumber(day) - dayNumber(`${year}-01-01`);
  const id = `${key}|${year}`;
  const row = rows.get(id) ?? { ...values, year, words: new Array<number>(WORDS).fill(0) };
  const word = Math.floor(index / BITS);
  row.words[word] = (row.words[word] ?? 0) | (1 << (index % BITS));
  rows.set(id, row);
}

/** Plain inserts in chunks that stay below both databases' bound-parameter limits (SQLite: 32,766). */
async function insertRows(db: Kysely<unknown>, table: string, columns: string[], rows: unknown[][]) {
  const chunk = Math.min(1000, Math.floor(30_000 / columns.length));
  for (let start = 0; start < rows.length; start += chunk) {
    const values = rows.slice(start, start + chunk).map((row) => sql`(${sql.join(row)})`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((name) => sql.ref(name)))})
      values ${sql.join(values)}`.execute(db);
  }
}

function maxOrNull(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

function sortedEntries<T>(map: Map<string, T>): [string, T][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of an instant (ms) in a time zone. */
function localDay(at: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}
