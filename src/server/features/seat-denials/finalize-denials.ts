import type { Db } from '../../db/database.ts';
import { type GaveUpDenial, markStaleDenialsGaveUp } from './finalize-denials.repository.ts';
import { DENIAL_RETRY_WINDOW_MS } from './record-seat-denial.ts';

export { countGaveUpDenials, findOrgsWithStaleDenials, type GaveUpDenial } from './finalize-denials.repository.ts';

/**
 * Inside the caller's transaction: the organization's denials still pending DENIAL_RETRY_WINDOW_MS
 * after they happened were real (no seat came on a retry, RLM's "the client gave up"). Answers the
 * denials this call finalized: each is returned by exactly one call, however many runners race.
 */
export async function finalizeDenials(trx: Db, input: { orgId: string; now: number }): Promise<GaveUpDenial[]> {
  return markStaleDenialsGaveUp(trx, {
    orgId: input.orgId,
    cutoff: input.now - DENIAL_RETRY_WINDOW_MS,
    now: input.now,
  });
}
