import { type Kysely, SqliteAdapter } from 'kysely';

export function isSqliteDb(db: Kysely<never> | Kysely<unknown> | { getExecutor(): { adapter: unknown } }): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
