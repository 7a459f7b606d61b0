import { type RawBuilder, sql } from 'kysely';
import { type ColumnType, columnsOf, valuesTable } from '../../db/batch-params.ts';
import type { Db } from '../../db/database.ts';
import { isSqlite } from '../../db/dialect.ts';
import { groupBy, valuesInKeyOrder } from '../../lib/collections.ts';
import { dateOfDayNumber, dayNumber } from '../../lib/local-date.ts';
import type { ActiveUserRows } from './active-users.ts';
import type { BitmapRow, DayBitmapSpec, DayMark } from './day-bitmaps.ts';
import type { Key, RunningTotalsSpec, Totals } from './running-totals.ts';

/**
 * The aggregates' writes of a whole batch (heartbeats, sign-outs, sweeps) as a constant number
 * of statements whatever its size: every list goes in as one bound value per column
 * (db/batch-params.ts). Same results as the one-key-at-a-time writers of running-totals.ts,
 * day-bitmaps.ts and active-users.ts (test/api/batched-aggregates.test.ts compares them); rows are
 * locked in one sorted order so that concurrent batches cannot deadlock (PostgreSQL).
 */
export interface TotalsChange {
  orgId: string;
  key: Key;
  day: string;
  delta: Totals;
}

const WORDS = 12;
const BITS = 31;
const wordColumns = Array.from({ length: WORDS }, (_, word) => `w${word}`);

const keyId = (spec: RunningTotalsSpec, orgId: string, key: Key) =>
  JSON.stringify([orgId, ...spec.keys.map((name) => key[name])]);

/** Text columns of the key, then the given ones. */
function keyedColumns(spec: RunningTotalsSpec, more: Record<string, ColumnType>): Record<string, ColumnType> {
  return { org_id: 'text', ...Object.fromEntries(spec.keys.map((name) => [name, 'text'])), ...more };
}

function matchKey(spec: RunningTotalsSpec, table: string, alias: string): RawBuilder<unknown> {
  return sql.join(
    ['org_id', ...spec.keys].map((name) => sql`${sql.ref(`${table}.${name}`)} = ${sql.ref(`${alias}.${name}`)}`),
    sql` and `,
  );
}

/**
 * Makes sure each key has a latest row and locks them all (PostgreSQL) in one sorted order, in two
 * statements; answers the latest rows by key id, to pass to addToRunningTotalsBatch.
 */
export async function lockRunningTotalsKeys(db: Db, spec: RunningTotalsSpec, keys: { orgId: string; key: Key }[]) {
  const byId = new Map(keys.map((entry) => [keyId(spec, entry.orgId, entry.key), entry]));
  const rows = valuesInKeyOrder(byId).map((entry) => ({
    org_id: entry.orgId,
    ...Object.fromEntries(spec.keys.map((name) => [name, entry.key[name]])),
  }));
  const columns = keyedColumns(spec, {});
  const sums = sql.join(spec.sums.map((name) => sql.ref(name)));
  const zeros = sql.join(spec.sums.map(() => sql`0`));
  await sql`insert into ${sql.table(spec.latest)} (${columnsOf('', columns)}, first_day, last_day, ${sums})
    select ${columnsOf('k', columns)}, '', '', ${zeros} from ${valuesTable(db, 'k', columns, rows)} where true
    on conflict do nothing`.execute(db);
  // Locked in byte order of the key, the order of the sorted ids above (PostgreSQL locks the rows
  // as the sorted ones come out).
  const order = isSqlite(db)
    ? sql``
    : sql` order by ${sql.join(['org_id', ...spec.keys].map((name) => sql`${sql.ref(`l.${name}`)} collate "C"`))} for update of l`;
  const { rows: found } = await sql<Record<string, string | number>>`select l.* from ${sql.table(spec.latest)} as l
    join ${valuesTable(db, 'k', columns, rows)} on ${matchKey(spec, 'l', 'k')}${order}`.execute(db);
  return new Map(
    found.map((row) => [
      keyId(spec, String(row.org_id), Object.fromEntries(spec.keys.map((name) => [name, String(row[name])])) as Key),
      row,
    ]),
  );
}

/**
 * Adds a batch's per-day changes to running totals (sums only), inside the caller's transaction,
 * in five statements: lock the keys' latest rows (two), insert the new day rows, add to the
 * existing day rows (one non-overlapping day range per row of the statement), rewrite the latest
 * rows (the first two skipped when the caller locked the keys). Each key's changes are applied in day order as addToRunningTotals would, one by one.
 */
export async function addToRunningTotalsBatch(
  db: Db,
  spec: RunningTotalsSpec,
  changes: TotalsChange[],
  /** The keys' latest rows, when the caller locked them first (lockRunningTotalsKeys). */
  locked?: Map<string, Record<string, string | number>>,
): Promise<void> {
  if (spec.maxes.length > 0) throw new Error(`addToRunningTotalsBatch: ${spec.table} keeps maxes`);
  if (changes.length === 0) return;
  const latest = locked ?? (await lockRunningTotalsKeys(db, spec, changes));
  const inserts: Record<string, unknown>[] = [];
  const segments: Record<string, unknown>[] = [];
  const latestRows: Record<string, unknown>[] = [];
  const sorted = [...changes].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const groups = groupBy(sorted, (change) => keyId(spec, change.orgId, change.key));
  for (const id of [...groups.keys()].sort()) {
    const keyChanges = groups.get(id) ?? [];
    const row = latest.get(id);
    const sample = keyChanges[0];
    if (!row || !sample) throw new Error(`running totals: no latest row in ${spec.latest}`);
    const keyValues = {
      org_id: sample.orgId,
      ...Object.fromEntries(spec.keys.map((name) => [name, sample.key[name]])),
    };
    const applied = applyChanges(spec, row, keyChanges);
    for (const [day, totals] of applied.pending) inserts.push({ ...keyValues, day, ...totals });
    for (const segment of applied.segments) segments.push({ ...keyValues, ...segment });
    latestRows.push({ ...keyValues, first_day: applied.first, last_day: applied.last, ...applied.totals });
  }
  const sumTypes = Object.fromEntries(spec.sums.map((name) => [name, 'bigint' as const]));
  const sums = spec.sums.map((name) => sql.ref(name));
  if (inserts.length > 0) {
    const columns = keyedColumns(spec, { day: 'text', ...sumTypes });
    await sql`insert into ${sql.table(spec.table)} (${columnsOf('', columns)})
      select ${columnsOf('v', columns)} from ${valuesTable(db, 'v', columns, inserts)}`.execute(db);
  }
  if (segments.length > 0) {
    const columns = keyedColumns(spec, { from_day: 'text', to_day: 'text', ...sumTypes });
    await sql`update ${sql.table(spec.table)} set ${sql.join(
      spec.sums.map((name) => sql`${sql.ref(name)} = ${sql.ref(`${spec.table}.${name}`)} + ${sql.ref(`v.${name}`)}`),
    )}
      from ${valuesTable(db, 'v', columns, segments)}
      where ${matchKey(spec, spec.table, 'v')}
        and ${sql.ref(`${spec.table}.day`)} >= v.from_day and ${sql.ref(`${spec.table}.day`)} <= v.to_day`.execute(db);
  }
  const columns = keyedColumns(spec, { first_day: 'text', last_day: 'text', ...sumTypes });
  await sql`update ${sql.table(spec.latest)} set first_day = v.first_day, last_day = v.last_day,
    ${sql.join(sums.map((name, at) => sql`${name} = ${sql.ref(`v.${spec.sums[at]}`)}`))}
    from ${valuesTable(db, 'v', columns, latestRows)}
    where ${matchKey(spec, spec.latest, 'v')}`.execute(db);
}

/**
 * One key's changes (in day order) applied to its latest row as addToRunningTotals applies them one
 * at a time: the day rows to insert (days before the key's first or after its last, with their
 * final totals), the additions to its existing day rows merged into non-overlapping ranges, and
 * its latest totals and span.
 */
export function applyChanges(spec: RunningTotalsSpec, latest: Record<string, unknown>, changes: TotalsChange[]) {
  const zeros = (): Totals => Object.fromEntries(spec.sums.map((name) => [name, 0]));
  const combine = (totals: Totals, delta: Totals): Totals =>
    Object.fromEntries(spec.sums.map((name) => [name, Number(totals[name] ?? 0) + Number(delta[name] ?? 0)]));
  const storedFirst = String(latest.first_day);
  const storedLast = String(latest.last_day);
  let first = storedFirst;
  let last = storedLast;
  let current: Totals = Object.fromEntries(spec.sums.map((name) => [name, Number(latest[name] ?? 0)]));
  const pending = new Map<string, Totals>();
  const adds: { from: number; to: number; delta: Totals }[] = [];
  const fill = (from: number, to: number, totals: Totals) => {
    for (let day = from; day <= to; day++) pending.set(dateOfDayNumber(day), { ...totals });
  };
  const addToRange = (from: string, to: string, delta: Totals) => {
    for (const [day, totals] of pending) if (day >= from && day <= to) pending.set(day, combine(totals, delta));
    if (storedFirst === '') return;
    const start = from > storedFirst ? from : storedFirst;
    const end = to < storedLast ? to : storedLast;
    if (start <= end) adds.push({ from: dayNumber(start), to: dayNumber(end), delta });
  };
  for (const { day, delta } of changes) {
    const after = combine(current, delta);
    if (first === '') {
      fill(dayNumber(day), dayNumber(day), combine(zeros(), delta));
      first = day;
      last = day;
    } else if (day > last) {
      fill(dayNumber(last) + 1, dayNumber(day) - 1, current);
      fill(dayNumber(day), dayNumber(day), after);
      last = day;
    } else {
      // A day before the key's first: its own rows up to the first, then the stored days all move.
      let from = day;
      if (day < first) {
        fill(dayNumber(day), dayNumber(first) - 1, combine(zeros(), delta));
        from = first;
        first = day;
      }
      addToRange(from, last, delta);
    }
    current = after;
  }
  // Sweep: between consecutive bounds every stored row gets the sum of the additions covering it.
  const bounds = [...new Set(adds.flatMap((add) => [add.from, add.to + 1]))].sort((a, b) => a - b);
  const segments: Record<string, unknown>[] = [];
  for (let at = 0; at + 1 < bounds.length; at++) {
    const from = bounds[at] as number;
    const to = (bounds[at + 1] as number) - 1;
    const covering = adds.filter((add) => add.from <= from && add.to >= to);
    if (covering.length === 0) continue;
    const delta = covering.reduce((sum, add) => combine(sum, add.delta), zeros());
    segments.push({ from_day: dateOfDayNumber(from), to_day: dateOfDayNumber(to), ...delta });
  }
  return { pending, segments, first, last, totals: current };
}

/** Several organizations' users' bitmap rows of the given years, in one statement. */
export async function readBitmapsOfOrgUsers(
  db: Db,
  spec: DayBitmapSpec,
  users: { orgId: string; userId: string }[],
  years: { from: number; to: number },
): Promise<(BitmapRow & { orgId: string })[]> {
  if (users.length === 0) return [];
  const unique = [...new Map(users.map((user) => [`${user.orgId}|${user.userId}`, user])).values()];
  const columns = { org_id: 'text', user_id: 'text' } as const;
  const rows = unique.map((user) => ({ org_id: user.orgId, user_id: user.userId }));
  const { rows: found } = await sql<Record<string, string | number>>`
    select b.org_id, b.year, b.user_id, ${sql.join(spec.keys.map((name) => sql.ref(`b.${name}`)))},
      ${sql.join(wordColumns.map((name) => sql.ref(`b.${name}`)))}
    from ${sql.table(spec.table)} as b join ${valuesTable(db, 'u', columns, rows)}
      on b.org_id = u.org_id and b.user_id = u.user_id
    where b.year >= ${years.from} and b.year <= ${years.to}`.execute(db);
  return found.map((row) => ({
    orgId: String(row.org_id),
    year: Number(row.year),
    user_id: String(row.user_id),
    key: Object.fromEntries(spec.keys.map((name) => [name, String(row[name])])),
    words: wordColumns.map((name) => Number(row[name])),
  }));
}

/** Sets the days' bits as markDays does, in one statement whatever the marks. */
export async function markDaysBatch(db: Db, spec: DayBitmapSpec, marks: DayMark[]): Promise<void> {
  const rows = new Map<string, Record<string, unknown>>();
  for (const mark of marks) {
    const year = Number(mark.day.slice(0, 4));
    const index = dayNumber(mark.day) - dayNumber(`${year}-01-01`);
    const id = JSON.stringify([mark.orgId, year, mark.userId, ...spec.keys.map((name) => mark.key[name])]);
    let row = rows.get(id);
    if (!row) {
      row = { org_id: mark.orgId, year, user_id: mark.userId, ...mark.key };
      for (const name of wordColumns) row[name] = 0;
      rows.set(id, row);
    }
    const word = `w${Math.floor(index / BITS)}`;
    row[word] = Number(row[word]) | (1 << (index % BITS));
  }
  if (rows.size === 0) return;
  const keyColumns = ['org_id', 'year', 'user_id', ...spec.keys];
  const columns: Record<string, ColumnType> = {
    org_id: 'text',
    year: 'integer',
    user_id: 'text',
    ...Object.fromEntries(spec.keys.map((name) => [name, 'text'])),
    ...Object.fromEntries(wordColumns.map((name) => [name, 'integer'])),
  };
  // Sorted: concurrent transactions take row locks in one order (PostgreSQL).
  await sql`insert into ${sql.table(spec.table)} (${columnsOf('', columns)})
    select ${columnsOf('v', columns)} from ${valuesTable(db, 'v', columns, valuesInKeyOrder(rows))} where true
    on conflict (${sql.join(keyColumns.map((name) => sql.ref(name)))}) do update set
    ${sql.join(wordColumns.map((name) => sql`${sql.ref(name)} = ${sql.ref(`${spec.table}.${name}`)} | excluded.${sql.ref(name)}`))}`.execute(
    db,
  );
}

/** Adds active-user changes as addActiveUserChanges does, in one statement. */
export async function addActiveUserChangesBatch(db: Db, changes: ActiveUserRows): Promise<void> {
  if (changes.size === 0) return;
  const columns = {
    org_id: 'text',
    app_key: 'text',
    day: 'text',
    users: 'integer',
    weekly_change: 'integer',
    monthly_change: 'integer',
  } as const;
  await sql`insert into org_daily_active_users (${columnsOf('', columns)})
    select ${columnsOf('v', columns)} from ${valuesTable(db, 'v', columns, valuesInKeyOrder(changes))} where true
    on conflict (org_id, app_key, day) do update set
      users = org_daily_active_users.users + excluded.users,
      weekly_change = org_daily_active_users.weekly_change + excluded.weekly_change,
      monthly_change = org_daily_active_users.monthly_change + excluded.monthly_change`.execute(db);
}
