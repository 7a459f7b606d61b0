import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { valuesInKeyOrder } from '../../lib/collections.ts';
import { dateOfDayNumber, dayNumber } from '../../lib/local-date.ts';

/**
 * Day bitmaps: one row per user, key (a device, a country, an app) and calendar year, one bit
 * per day of the year, in 12 words of 31 bits (a 32-bit integer on both databases and an exact
 * JavaScript number). "Distinct devices in a range" or "active days" is then a mask test over
 * one or two rows per key, whatever the events. Marking a day ORs its bit in (idempotent).
 */
export interface DayBitmapSpec {
  table: string;
  /** Key columns besides org_id, year and user_id. */
  keys: readonly string[];
}

const WORDS = 12;
const BITS = 31;
const CHUNK = 200;

export interface DayMark {
  orgId: string;
  userId: string;
  key: Record<string, string>;
  day: string;
}

export interface BitmapRow {
  year: number;
  user_id: string;
  key: Record<string, string>;
  words: number[];
}

/** The year of a local date and its bit: day-of-year 0…365. */
function bitOf(day: string): { year: number; index: number } {
  const year = Number(day.slice(0, 4));
  return { year, index: dayNumber(day) - dayNumber(`${year}-01-01`) };
}

/** Sets the days' bits (merged per row first, so a batch writes each row once). */
export async function markDays(db: Db, spec: DayBitmapSpec, marks: DayMark[]): Promise<void> {
  const rows = new Map<string, { values: unknown[]; words: number[] }>();
  for (const mark of marks) {
    const { year, index } = bitOf(mark.day);
    const keyValues = spec.keys.map((name) => mark.key[name]);
    const id = JSON.stringify([mark.orgId, year, mark.userId, ...keyValues]);
    let row = rows.get(id);
    if (!row) {
      row = { values: [mark.orgId, year, mark.userId, ...keyValues], words: new Array(WORDS).fill(0) };
      rows.set(id, row);
    }
    const word = Math.floor(index / BITS);
    row.words[word] = (row.words[word] ?? 0) | (1 << (index % BITS));
  }
  // Sorted: concurrent transactions take row locks in one order (PostgreSQL).
  const sorted = valuesInKeyOrder(rows);
  const columns = ['org_id', 'year', 'user_id', ...spec.keys];
  const wordColumns = Array.from({ length: WORDS }, (_, word) => `w${word}`);
  for (let start = 0; start < sorted.length; start += CHUNK) {
    const values = sorted.slice(start, start + CHUNK).map((row) => sql`(${sql.join([...row.values, ...row.words])})`);
    await sql`insert into ${sql.table(spec.table)} (${sql.join([...columns, ...wordColumns].map((name) => sql.ref(name)))})
      values ${sql.join(values)}
      on conflict (${sql.join(columns.map((name) => sql.ref(name)))}) do update set
      ${sql.join(wordColumns.map((name) => sql`${sql.ref(name)} = ${sql.ref(`${spec.table}.${name}`)} | excluded.${sql.ref(name)}`))}`.execute(
      db,
    );
  }
}

/** Per year of the range, the words that hold its days and their masks. */
function rangeMasks(from: string, to: string): { year: number; masks: Map<number, number> }[] {
  const result: { year: number; masks: Map<number, number> }[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const start = from > `${year}-01-01` ? bitOf(from).index : 0;
    const end = to < `${year}-12-31` ? bitOf(to).index : bitOf(`${year}-12-31`).index;
    const masks = new Map<number, number>();
    for (let index = start; index <= end; index++) {
      const word = Math.floor(index / BITS);
      masks.set(word, (masks.get(word) ?? 0) | (1 << (index % BITS)));
    }
    result.push({ year, masks });
  }
  return result;
}

/** SQL: the row has a day inside the range. */
export function hasDayBetween(from: string, to: string): RawBuilder<unknown> {
  const years = rangeMasks(from, to).map(
    ({ year, masks }) =>
      sql`(year = ${year} and (${sql.join(
        [...masks].map(([word, mask]) => sql`(${sql.ref(`w${word}`)} & ${mask}) <> 0`),
        sql` or `,
      )}))`,
  );
  return sql`(${sql.join(years, sql` or `)})`;
}

/** Some users' rows of the given years, every word: what a writer reads before setting bits. */
export async function readBitmapsOfUsers(
  db: Db,
  spec: DayBitmapSpec,
  orgId: string,
  userIds: string[],
  years: { from: number; to: number },
): Promise<BitmapRow[]> {
  if (userIds.length === 0) return [];
  const wordColumns = Array.from({ length: WORDS }, (_, word) => sql.ref(`w${word}`));
  const { rows } = await sql<Record<string, string | number>>`
    select year, user_id, ${sql.join(spec.keys.map((name) => sql.ref(name)))}, ${sql.join(wordColumns)}
    from ${sql.table(spec.table)}
    where org_id = ${orgId} and year >= ${years.from} and year <= ${years.to}
      and user_id in (${sql.join(userIds)})`.execute(db);
  return rows.map((row) => ({
    year: Number(row.year),
    user_id: String(row.user_id),
    key: Object.fromEntries(spec.keys.map((name) => [name, String(row[name])])),
    words: Array.from({ length: WORDS }, (_, word) => Number(row[`w${word}`])),
  }));
}

/** Day bits in memory (per user and key text), to test and set days of a batch before writing them. */
export class DayBitSet {
  private readonly words = new Map<string, number[]>();

  constructor(rows: BitmapRow[], keyText: (key: Record<string, string>) => string) {
    for (const row of rows) this.words.set(`${row.user_id}|${keyText(row.key)}|${row.year}`, [...row.words]);
  }

  has(userId: string, key: string, day: number): boolean {
    const { year, index } = bitOf(dateOfDayNumber(day));
    const words = this.words.get(`${userId}|${key}|${year}`);
    return ((words?.[Math.floor(index / BITS)] ?? 0) & (1 << (index % BITS))) !== 0;
  }

  set(userId: string, key: string, day: number): void {
    const { year, index } = bitOf(dateOfDayNumber(day));
    const id = `${userId}|${key}|${year}`;
    const words = this.words.get(id) ?? new Array<number>(WORDS).fill(0);
    const word = Math.floor(index / BITS);
    words[word] = (words[word] ?? 0) | (1 << (index % BITS));
    this.words.set(id, words);
  }
}

/**
 * Takes one user's rows of the given years out (the batched recount; the caller holds the
 * user's key locks): deletes them and answers, per key, the days that were set (sorted).
 */
export async function takeUserDays(
  db: Db,
  spec: DayBitmapSpec,
  orgId: string,
  userId: string,
  years: { from: number; to: number },
  options: { read: boolean },
): Promise<{ key: Record<string, string>; days: number[] }[]> {
  const yearList = Array.from({ length: Math.max(0, years.to - years.from + 1) }, (_, at) => years.from + at);
  if (yearList.length === 0) return [];
  const where = sql`org_id = ${orgId} and year in (${sql.join(yearList)}) and user_id = ${userId}`;
  const found = new Map<string, { key: Record<string, string>; days: number[] }>();
  if (options.read) {
    const wordColumns = Array.from({ length: WORDS }, (_, word) => sql.ref(`w${word}`));
    const { rows } = await sql<Record<string, string | number>>`
      select year, ${sql.join(spec.keys.map((name) => sql.ref(name)))}, ${sql.join(wordColumns)}
      from ${sql.table(spec.table)} where ${where}`.execute(db);
    for (const row of rows) {
      const key = Object.fromEntries(spec.keys.map((name) => [name, String(row[name])]));
      const id = JSON.stringify(spec.keys.map((name) => key[name]));
      const entry = found.get(id) ?? { key, days: [] };
      const start = dayNumber(`${Number(row.year)}-01-01`);
      for (let word = 0; word < WORDS; word++) {
        const bits = Number(row[`w${word}`]);
        for (let bit = 0; bit < BITS; bit++) if (bits & (1 << bit)) entry.days.push(start + word * BITS + bit);
      }
      found.set(id, entry);
    }
  }
  await sql`delete from ${sql.table(spec.table)} where ${where}`.execute(db);
  for (const entry of found.values()) entry.days.sort((a, b) => a - b);
  return valuesInKeyOrder(found);
}
