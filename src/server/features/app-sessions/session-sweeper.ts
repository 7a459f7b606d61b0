import type { Db } from '../../db/database.ts';
import { MINUTE_MS } from '../../lib/time.ts';
import { closeSilentSessions } from './close-sessions.ts';

/**
 * Closes sessions that went silent (the app crashed or lost its network), once a
 * minute. Idempotent, so every server process may run it. Returns a stop function.
 */
export function startSessionSweeper(db: Db, now: () => number, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => {
    db.transaction()
      .execute((trx) => closeSilentSessions(trx, now()))
      .catch(onError);
  }, MINUTE_MS);
  timer.unref();
  return () => clearInterval(timer);
}
