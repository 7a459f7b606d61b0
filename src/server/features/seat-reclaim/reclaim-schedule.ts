import { Cron } from 'croner';
import type { Db } from '../../db/database.ts';
import { runSeatReclaim } from './run-seat-reclaim.ts';

/**
 * Every hour at minute 41 (UTC) each process checks what is due; the lease lets one of them run it. The
 * policy counts in days, so an hour's delay is nothing, and a seat that falls due is acted on within the
 * hour whatever the server's restarts. 41 keeps it off the retention job's minute 17.
 */
export const RECLAIM_SCHEDULE = '41 * * * *';

/** Runs the reclaim job on RECLAIM_SCHEDULE in this process (`protect`: one run at a time). Answers a stop. */
export function startReclaimSchedule(
  db: Db,
  now: () => number,
  log: { error: (error: unknown) => void; info: (message: string) => void },
): () => void {
  const job = new Cron(RECLAIM_SCHEDULE, { timezone: 'UTC', protect: true, unref: true }, async () => {
    try {
      const outcome = await runSeatReclaim(db, { now });
      if (outcome.status !== 'lease-held' && outcome.result.warned + outcome.result.reclaimed > 0) {
        const { warned, reclaimed, durationMs } = outcome.result;
        log.info(`seat reclaim job ${outcome.status} in ${durationMs} ms: ${warned} warned, ${reclaimed} freed`);
      }
    } catch (error) {
      log.error(error);
    }
  });
  return () => job.stop();
}
