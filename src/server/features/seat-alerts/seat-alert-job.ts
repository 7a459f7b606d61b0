import type { Db } from '../../db/database.ts';
import { MINUTE_MS } from '../../lib/time.ts';
import { runSeatAlerts } from './run-seat-alerts.ts';

/**
 * Runs the seat-alert job every minute in this process (every process does; the job is race-safe).
 * A run still going when the next minute comes is not doubled. Answers a stop.
 */
export function startSeatAlertJob(db: Db, now: () => number, onError: (error: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runSeatAlerts(db, now())
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, MINUTE_MS);
  timer.unref();
  return () => clearInterval(timer);
}
