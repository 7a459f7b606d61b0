import type { Db } from '../../db/database.ts';
import { MINUTE_MS } from '../../lib/time.ts';
import { endSilentSessions } from './app-sessions.repository.ts';

/**
 * Closes sessions that went silent (the app crashed or lost its network), once a
 * minute. Idempotent, so every server process may run it. Returns a stop function.
 */
export function startSessionSweeper(db: Db, now: () => number, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => {
    endSilentSessions(db, now()).catch(onError);
  }, MINUTE_MS);
  timer.unref();
  return () => clearInterval(timer);
}
