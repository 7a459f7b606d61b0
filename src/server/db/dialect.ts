import { type Kysely, SqliteAdapter } from 'kysely';

/** True on SQLite; the few differences between the two databases are decided with this. */
export function isSqlite(db: Kysely<never> | Kysely<unknown> | { getExecutor(): { adapter: unknown } }): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
