import type { Db } from '../../db/database.ts';
import { MINUTE_MS } from '../../lib/time.ts';
import { closeSilentSessions, releaseExpiredBorrowings } from './close-sessions.ts';

/**
 * Closes sessions that went silent (the app crashed or lost its network) and frees their
 * leases, and frees borrowed seats whose time is up, once a minute. Idempotent (each lease
 * is released once however many race for it), so every server process may run it.
 * Returns a stop function.
 */
export function startSessionSweeper(db: Db, now: () => number, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => {
    db.transaction()
      .execute(async (trx) => {
        await closeSilentSessions(trx, now());
        await releaseExpiredBorrowings(trx, now());
      })
      .catch(onError);
  }, MINUTE_MS);
  timer.unref();
  return () => clearInterval(timer);
}
