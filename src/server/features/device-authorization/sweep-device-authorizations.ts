import type { AppDeps } from '../../app-deps.ts';
import { DAY_MS } from '../../lib/time.ts';
import { deleteExpiredDeviceAuthorizations } from './device-authorizations.repository.ts';

/** Rows deleted per statement: a backlog goes in short statements, never one long lock. */
const SWEEP_BATCH = 1000;

/**
 * Forgets browser sign-ins a day after they expired (used, denied or never answered alike: none
 * outlives its expiry), in batches. Answers how many rows went.
 */
export async function sweepDeviceAuthorizations(deps: AppDeps): Promise<number> {
  const before = deps.now() - DAY_MS;
  let total = 0;
  for (;;) {
    const deleted = await deleteExpiredDeviceAuthorizations(deps.database.db, before, SWEEP_BATCH);
    total += deleted;
    if (deleted < SWEEP_BATCH) return total;
  }
}
