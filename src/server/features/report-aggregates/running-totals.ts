import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { isSqlite } from '../../db/dialect.ts';
import { dateOfDayNumber, dayNumber } from '../../lib/local-date.ts';

/**
 * Running totals: for each key (a user, or a user and an app) and each local day from the
 * key's first to its latest activity, the totals up to the end of that day (one row a day,
 * also on quiet days), and a `latest` row per key. A range's count is then the row at its
 * last day minus the row at the day before its first: two contiguous reads per report, of one
 * row per key, whatever the length of the range or the number of events.
 *
 * Writes are cheap when they arrive in order (today's row is updated, or the days since the
 * key's latest activity are carried forward); a late event updates the rows after it.
 */
export interface RunningTotalsSpec {
  table: string;
  latest: string;
  /** Key columns besides org_id. */
  keys: readonly string[];
  /** Columns that add up. */
  sums: readonly string[];
  /** Columns that keep the largest value seen (a time), null until there is one. */
  maxes: readonly string[];
}

export type Key = Record<string, string>;
export type Totals = Record<string, number | null>;
/** A key's columns (text) and its totals (numbers, or null for a max not yet seen). */
export type TotalsRow = Record<string, string | number | null>;

const CHUNK = 400;

/** Adds one key's events of one day, inside the caller's transaction. */
export async function addToRunningTotals(
  db: Db,
  spec: RunningTotalsSpec,
  orgId: string,
  key: Key,
  day: string,
  delta: Totals,
): Promise<void> {
  const where = keyCondition(spec, orgId, key);
  const rows = await lockRunningTotalsKey(db, spec, orgId, key);
  const latest = rows[0];
  if (!latest) throw new Error(`running totals: no latest row in ${spec.latest}`);
  const current = totalsOf(spec, latest);
  const first = String(latest.first_day);
  const last = String(latest.last_day);
  const after = combine(spec, current, delta);
  let firstDay = first;
  let lastDay = last;
  if (first === '') {
    await insertDays(db, spec, orgId, key, day, day, combine(spec, zeros(spec), delta));
    firstDay = day;
    lastDay = day;
  } else if (day > last) {
    const next = dateOfDayNumber(dayNumber(last) + 1);
    if (next < day) await insertDays(db, spec, orgId, key, next, dateOfDayNumber(dayNumber(day) - 1), current);
    await insertDays(db, spec, orgId, key, day, day, after);
    lastDay = day;
  } else {
    if (day < first) {
      await insertDays(
        db,
        spec,
        orgId,
        key,
        day,
        dateOfDayNumber(dayNumber(first) - 1),
        combine(spec, zeros(spec), delta),
      );
      firstDay = day;
    }
    await addToDays(db, spec, where, day < first ? first : day, last, delta);
  }
  await sql`update ${sql.table(spec.latest)} set first_day = ${firstDay}, last_day = ${lastDay},
    ${sql.join([...spec.sums, ...spec.maxes].map((name) => sql`${sql.ref(name)} = ${after[name] ?? null}`))}
    where ${where}`.execute(db);
}

/**
 * Makes sure the key has a latest row and, on PostgreSQL, locks it until the transaction
 * ends: concurrent writers of one key queue here (callers lock keys in sorted order).
 */
export async function lockRunningTotalsKey(db: Db, spec: RunningTotalsSpec, orgId: string, key: Key) {
  await insertLatest(
    db,
    spec,
    orgId,
    key,
    { firstDay: '', lastDay: '', totals: zeros(spec) },
    sql`on conflict do nothing`,
  );
  const lock = isSqlite(db) ? sql`` : sql` for update`;
  const { rows } = await sql<
    Record<string, unknown>
  >`select * from ${sql.table(spec.latest)} where ${keyCondition(spec, orgId, key)}${lock}`.execute(db);
  return rows;
}

/**
 * Writes one key's running totals from its per-day counts (sorted by day), for a key that has
 * none yet: the catch-up job's bulk path.
 */
export async function writeRunningTotals(
  db: Db,
  spec: RunningTotalsSpec,
  orgId: string,
  key: Key,
  perDay: { day: string; delta: Totals }[],
  /** The key's latest row may exist (the batched recount resets it instead of deleting it): overwrite it. */
  options: { replaceLatest?: boolean } = {},
): Promise<void> {
  const firstEntry = perDay[0];
  const lastEntry = perDay.at(-1);
  if (!firstEntry || !lastEntry) return;
  const rows: unknown[][] = [];
  let running = zeros(spec);
  let index = 0;
  for (let day = dayNumber(firstEntry.day); day <= dayNumber(lastEntry.day); day++) {
    const date = dateOfDayNumber(day);
    const entry = perDay[index];
    if (entry && entry.day === date) {
      running = combine(spec, running, entry.delta);
      index++;
    }
    rows.push(rowValues(spec, orgId, key, date, running));
  }
  await insertRows(db, spec, rows);
  const replace = options.replaceLatest
    ? sql`on conflict (${columnList(['org_id', ...spec.keys])}) do update set ${sql.join(
        ['first_day', 'last_day', ...spec.sums, ...spec.maxes].map(
          (name) => sql`${sql.ref(name)} = excluded.${sql.ref(name)}`,
        ),
      )}`
    : sql``;
  await insertLatest(
    db,
    spec,
    orgId,
    key,
    { firstDay: firstEntry.day, lastDay: lastEntry.day, totals: running },
    replace,
  );
}

/**
 * Takes one user's running totals out, for the batched recount (the caller holds the user's
 * key locks): deletes their per-day rows — found through the latest rows' day spans, as the
 * tables are keyed by day first — and resets their latest rows to "no days yet" (kept, so a
 * writer queued on one finds it). Answers the removed rows when asked (sorted by key, then day).
 */
export async function takeUserRunningTotals(
  db: Db,
  spec: RunningTotalsSpec,
  orgId: string,
  userId: string,
  options: { read: boolean },
): Promise<TotalsRow[]> {
  const { rows: latest } = await sql<Record<string, unknown>>`select first_day, last_day from ${sql.table(spec.latest)}
    where org_id = ${orgId} and user_id = ${userId} and first_day <> ''`.execute(db);
  if (latest.length === 0) return [];
  const from = Math.min(...latest.map((row) => dayNumber(String(row.first_day))));
  const to = Math.max(...latest.map((row) => dayNumber(String(row.last_day))));
  const taken: TotalsRow[] = [];
  for (let start = from; start <= to; start += CHUNK) {
    const days = [];
    for (let day = start; day <= Math.min(to, start + CHUNK - 1); day++) days.push(dateOfDayNumber(day));
    const where = sql`org_id = ${orgId} and day in (${sql.join(days)}) and user_id = ${userId}`;
    if (options.read) {
      const { rows } = await sql<Record<string, string | number | null>>`select ${columnList([
        'day',
        ...spec.keys,
        ...spec.sums,
        ...spec.maxes,
      ])} from ${sql.table(spec.table)} where ${where}`.execute(db);
      for (const row of rows) {
        const entry: TotalsRow = totalsOf(spec, row);
        for (const name of ['day', ...spec.keys]) entry[name] = String(row[name]);
        taken.push(entry);
      }
    }
    await sql`delete from ${sql.table(spec.table)} where ${where}`.execute(db);
  }
  await sql`update ${sql.table(spec.latest)} set first_day = '', last_day = '',
    ${sql.join([...spec.sums.map((name) => sql`${sql.ref(name)} = 0`), ...spec.maxes.map((name) => sql`${sql.ref(name)} = null`)])}
    where org_id = ${orgId} and user_id = ${userId}`.execute(db);
  const keyText = (row: TotalsRow) => [...spec.keys.map((name) => String(row[name])), String(row.day)].join('|');
  return taken.sort((a, b) => (keyText(a) < keyText(b) ? -1 : keyText(a) > keyText(b) ? 1 : 0));
}

/**
 * Each key's sums over the days `from`..`to` (both included) and its maxes up to `to`; keys
 * with nothing in the range are left out. A key's totals at a bound are its row of that day,
 * or its latest totals when it has been quiet since (keys whose activity starts later have
 * none: zero); the database subtracts the bound before `from` from the bound at `to`, so only
 * the answer's rows leave it.
 */
export async function readRunningTotalsBetween(
  db: Db,
  spec: RunningTotalsSpec,
  orgId: string,
  range: { from: string; to: string },
  /** An extra condition on the key columns, such as one app. */
  only: RawBuilder<unknown> = sql`1 = 1`,
): Promise<TotalsRow[]> {
  const columns = columnList([...spec.keys, ...spec.sums, ...spec.maxes]);
  const bound = (day: string) => sql`
    select ${columns} from ${sql.table(spec.table)} where org_id = ${orgId} and day = ${day} and ${only}
    union all
    select ${columns} from ${sql.table(spec.latest)}
    where org_id = ${orgId} and last_day < ${day} and last_day <> '' and ${only}`;
  const ref = (table: 'e' | 's', name: string) => sql.ref(`${table}.${name}`);
  const { rows } = await sql<Record<string, string | number | null>>`
    with at_end as materialized (${bound(range.to)}),
      at_start as materialized (${bound(dateOfDayNumber(dayNumber(range.from) - 1))})
    select ${sql.join([
      ...spec.keys.map((name) => sql`${ref('e', name)} as ${sql.ref(name)}`),
      ...spec.sums.map((name) => sql`${ref('e', name)} - coalesce(${ref('s', name)}, 0) as ${sql.ref(name)}`),
      ...spec.maxes.map((name) => sql`${ref('e', name)} as ${sql.ref(name)}`),
    ])}
    from at_end e left join at_start s on ${sql.join(
      spec.keys.map((name) => sql`${ref('s', name)} = ${ref('e', name)}`),
      sql` and `,
    )}
    where ${sql.join(
      spec.sums.map((name) => sql`${ref('e', name)} <> coalesce(${ref('s', name)}, 0)`),
      sql` or `,
    )}`.execute(db);
  return rows.map((row) => {
    const entry: TotalsRow = totalsOf(spec, row);
    for (const name of spec.keys) entry[name] = String(row[name]);
    return entry;
  });
}

/** A key's latest row; first and last day '' while it has no days yet. */
async function insertLatest(
  db: Db,
  spec: RunningTotalsSpec,
  orgId: string,
  key: Key,
  latest: { firstDay: string; lastDay: string; totals: Totals },
  onConflict: RawBuilder<unknown> = sql``,
) {
  const values = [
    orgId,
    ...spec.keys.map((name) => key[name]),
    latest.firstDay,
    latest.lastDay,
    ...[...spec.sums, ...spec.maxes].map((name) => latest.totals[name] ?? null),
  ];
  await sql`insert into ${sql.table(spec.latest)} (${columnList(['org_id', ...spec.keys, 'first_day', 'last_day', ...spec.sums, ...spec.maxes])})
    values (${sql.join(values)}) ${onConflict}`.execute(db);
}

function keyCondition(spec: RunningTotalsSpec, orgId: string, key: Key): RawBuilder<unknown> {
  return sql.join(
    [sql`org_id = ${orgId}`, ...spec.keys.map((name) => sql`${sql.ref(name)} = ${key[name]}`)],
    sql` and `,
  );
}

async function addToDays(
  db: Db,
  spec: RunningTotalsSpec,
  where: RawBuilder<unknown>,
  from: string,
  to: string,
  delta: Totals,
) {
  const sets = [
    ...spec.sums.map((name) => sql`${sql.ref(name)} = ${sql.ref(name)} + ${delta[name] ?? 0}`),
    ...spec.maxes
      .filter((name) => delta[name] != null)
      .map(
        (name) =>
          sql`${sql.ref(name)} = case when ${sql.ref(name)} is null or ${sql.ref(name)} < ${delta[name]} then ${delta[name]} else ${sql.ref(name)} end`,
      ),
  ];
  await sql`update ${sql.table(spec.table)} set ${sql.join(sets)} where ${where} and day >= ${from} and day <= ${to}`.execute(
    db,
  );
}

async function insertDays(
  db: Db,
  spec: RunningTotalsSpec,
  orgId: string,
  key: Key,
  from: string,
  to: string,
  totals: Totals,
) {
  const rows: unknown[][] = [];
  for (let day = dayNumber(from); day <= dayNumber(to); day++) {
    rows.push(rowValues(spec, orgId, key, dateOfDayNumber(day), totals));
  }
  await insertRows(db, spec, rows);
}

async function insertRows(db: Db, spec: RunningTotalsSpec, rows: unknown[][]) {
  const columns = columnList(['org_id', 'day', ...spec.keys, ...spec.sums, ...spec.maxes]);
  for (let start = 0; start < rows.length; start += CHUNK) {
    const values = rows.slice(start, start + CHUNK).map((row) => sql`(${sql.join(row)})`);
    await sql`insert into ${sql.table(spec.table)} (${columns}) values ${sql.join(values)}`.execute(db);
  }
}

function rowValues(spec: RunningTotalsSpec, orgId: string, key: Key, day: string, totals: Totals): unknown[] {
  return [
    orgId,
    day,
    ...spec.keys.map((name) => key[name]),
    ...[...spec.sums, ...spec.maxes].map((name) => totals[name] ?? null),
  ];
}

function combine(spec: RunningTotalsSpec, totals: Totals, delta: Totals): Totals {
  const result: Totals = {};
  for (const name of spec.sums) result[name] = Number(totals[name] ?? 0) + Number(delta[name] ?? 0);
  for (const name of spec.maxes) {
    const [a, b] = [totals[name] ?? null, delta[name] ?? null];
    result[name] = a === null ? b : b === null ? a : Math.max(a, b);
  }
  return result;
}

function zeros(spec: RunningTotalsSpec): Totals {
  return combine(spec, {}, {});
}

function totalsOf(spec: RunningTotalsSpec, row: Record<string, unknown>): Totals {
  const totals: Totals = {};
  for (const name of spec.sums) totals[name] = Number(row[name] ?? 0);
  for (const name of spec.maxes) totals[name] = row[name] == null ? null : Number(row[name]);
  return totals;
}

function columnList(names: readonly string[]) {
  return sql.join(names.map((name) => sql.ref(name)));
}
