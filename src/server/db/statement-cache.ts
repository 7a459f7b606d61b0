import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Statements kept prepared per connection; the least recently used one goes first. */
const CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew on SQLite; preparing (parsing and planning) costs more than
 * running the hot statements of a heartbeat batch, which keep one text whatever the batch's size
 * (db/batch-params.ts). This keeps the last CACHE_SIZE statements by text, per connection. A
 * statement still iterating (a stream) is never handed out twice: a fresh one is prepared then.
 * SQLite re-prepares a cached statement itself when a migration changes the schema.
 */
export function withStatementCache(database: SQLite.Database, size = CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Moved to the end: the map's order is the order of last use.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > size) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return statement;
    },
  };
}
