import type { AppDeps } from '../../app-deps.ts';
import { DAY_MS } from '../../lib/time.ts';
import { deleteProcessedPasswordResetRequests, deleteSpentPasswordResets } from './password-resets.repository.ts';

/** Rows deleted per statement: a backlog goes in short statements, never one long lock. */
const SWEEP_BATCH = 1000;

/**
 * Forgets what "Forgot password?" no longer needs, a day after: links used or expired (replaced
 * ones expire when replaced) and requests processed, whether or not the address had an account.
 * Requests still waiting are left to sendWaitingPasswordResetLinks. Answers how many rows went.
 */
export async function sweepPasswordResets(deps: AppDeps): Promise<{ links: number; requests: number }> {
  const db = deps.database.db;
  const before = deps.now() - DAY_MS;
  return {
    links: await deleteInBatches((limit) => deleteSpentPasswordResets(db, before, limit)),
    requests: await deleteInBatches((limit) => deleteProcessedPasswordResetRequests(db, before, limit)),
  };
}

async function deleteInBatches(deleteBatch: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(SWEEP_BATCH);
    total += deleted;
    if (deleted < SWEEP_BATCH) return total;
  }
}
