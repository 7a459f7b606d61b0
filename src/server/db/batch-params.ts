import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from './database.ts';
import { isSqlite } from './dialect.ts';

/**
 * Lists and tables of values bound as ONE parameter per column, for the hot batched writes
 * (heartbeats): the statement's text is the same whatever the batch's size, so a batch is a
 * constant number of statements, each parsed and planned once per connection (PostgreSQL arrays
 * through `unnest`; SQLite a JSON array through `json_each`, with no bound-parameter limit).
 */
export type ColumnType = 'text' | 'bigint' | 'integer';

/** SQL: `column` is one of `values` (a PostgreSQL array of `type`, or a JSON array on SQLite). */
export function isAnyOf(
  db: Db,
  column: string,
  values: readonly (string | number)[],
  type: ColumnType,
): RawBuilder<SqlBool> {
  return isSqlite(db)
    ? sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`
    : sql<SqlBool>`${sql.ref(column)} = any(cast(${values} as ${sql.raw(type)}[]))`;
}

/**
 * A table expression of `rows` named `alias` with the given columns, for `from`, `join` and
 * `insert … select`: rows come out in the order given (callers sort them, so concurrent writers
 * take row locks in one order).
 */
export function valuesTable(
  db: Db,
  alias: string,
  columns: Record<string, ColumnType>,
  given: readonly object[],
): RawBuilder<unknown> {
  const names = Object.keys(columns);
  const rows = given as readonly Record<string, unknown>[];
  if (isSqlite(db)) {
    const json = JSON.stringify(rows.map((row) => names.map((name) => row[name] ?? null)));
    // `->>` with an integer reads that element of the row's array as an SQL value.
    const picks = names.map((name, at) => sql`value ->> ${sql.raw(String(at))} as ${sql.ref(name)}`);
    return sql`(select ${sql.join(picks)} from json_each(${json}) order by key) as ${sql.ref(alias)}`;
  }
  const arrays = names.map(
    (name) => sql`cast(${rows.map((row) => row[name] ?? null)} as ${sql.raw(columns[name] ?? 'text')}[])`,
  );
  return sql`unnest(${sql.join(arrays)}) with ordinality as ${sql.ref(alias)}(${sql.join(
    [...names, 'ordinality'].map((name) => sql.ref(name)),
  )})`;
}

/** The columns of `valuesTable`, to select them (`v.a, v.b, …`), or to name them (alias ''). */
export function columnsOf(alias: string, columns: Record<string, ColumnType>): RawBuilder<unknown> {
  return sql.join(Object.keys(columns).map((name) => sql.ref(alias ? `${alias}.${name}` : name)));
}
