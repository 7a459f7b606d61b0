import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DatabaseHandle, openDatabase } from '../../src/server/db/database.ts';
import { createScratchDatabase } from './postgres.ts';

/**
 * An empty database of the given kind, not migrated: for tests that migrate step by step (a migration's
 * effect on rows written under an older schema). `cleanup` closes it and drops or deletes it.
 */
export async function openScratchDatabase(
  kind: 'sqlite' | 'postgres',
): Promise<{ database: DatabaseHandle; cleanup: () => Promise<void> }> {
  if (kind === 'postgres') {
    const scratch = await createScratchDatabase();
    const database = openDatabase({ kind: 'postgres', url: scratch.url });
    return {
      database,
      cleanup: async () => {
        await database.close();
        await scratch.drop();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-migration-'));
  const database = openDatabase({ kind: 'sqlite', file: path.join(dir, 'test.sqlite') });
  return {
    database,
    cleanup: async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
