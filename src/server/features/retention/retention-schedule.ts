import { Cron } from 'croner';
import type { Db } from '../../db/database.ts';
import { RETENTION_SCHEDULE } from './privacy-settings.ts';
import { runRetention } from './run-retention.ts';

/**
 * Runs the retention job on RETENTION_SCHEDULE in this process. Every process schedules it; the
 * lease makes one of them run it and the others skip (`lease-held`). `protect` keeps one run at a
 * time inside the process too (a run longer than an hour is not started twice). Answers a stop.
 */
export function startRetentionSchedule(
  db: Db,
  now: () => number,
  log: { error: (error: unknown) => void; info: (message: string) => void },
): () => void {
  const job = new Cron(RETENTION_SCHEDULE, { timezone: 'UTC', protect: true, unref: true }, async () => {
    try {
      const outcome = await runRetention(db, { now });
      if (outcome.status !== 'lease-held') {
        const { totals, durationMs } = outcome.result;
        log.info(`retention job ${outcome.status} in ${durationMs} ms: ${JSON.stringify(totals)}`);
      }
    } catch (error) {
      log.error(error);
    }
  });
  return () => job.stop();
}
