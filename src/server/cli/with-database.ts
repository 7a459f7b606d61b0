import { loadConfig } from '../config.ts';
import { type Db, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

/** Opens the configured database (migrated), runs one command against it, and closes it. */
export async function withDatabase<T>(run: (db: Db) => Promise<T>): Promise<T> {
  const database = openDatabase(loadConfig().database);
  try {
    await migrateToLatest(database.db);
    return await run(database.db);
  } finally {
    await database.close();
  }
}

/** Prints one JSON line (for scripts) or a sentence (for people). */
export function report(json: boolean, data: Record<string, unknown>, sentence: string): void {
  process.stdout.write(`${json ? JSON.stringify(data) : sentence}\n`);
}
