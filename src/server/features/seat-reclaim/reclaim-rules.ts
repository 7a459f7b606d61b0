import { RECLAIM_UNDO_DAYS, RECLAIM_WARNING_DAYS } from '../../../contract/seat-reclaim.ts';
import { DAY_MS } from '../../lib/time.ts';

/** A held seat as the policy sees it (epoch ms). */
export interface IdleSeat {
  assignedAt: number;
  lastUsedAt: number | null;
  warnedAt: number | null;
}

export type ReclaimAction = 'warn' | 'reclaim' | 'wait';

export interface ReclaimJudgement {
  action: ReclaimAction;
  /** Last use, or the assignment for a seat never used. */
  idleSince: number;
  daysIdle: number;
  /** When the warning went (or goes) out. */
  warnOn: number;
  /** The first instant the seat may be freed. */
  reclaimOn: number;
}

export const WARNING_MS = RECLAIM_WARNING_DAYS * DAY_MS;
export const UNDO_MS = RECLAIM_UNDO_DAYS * DAY_MS;

/** Seats whose last use is at or before this instant are the policy's business at `now` (their warning is due). */
export function warnCutoff(afterDays: number, now: number): number {
  return now - afterDays * DAY_MS + WARNING_MS;
}

/**
 * What the policy of `afterDays` does to a seat at `now` — the one rule the job, the preview and the
 * repository's conditional updates all follow (docs/seat-reclaim.md). Null: nothing yet (idle for less
 * than afterDays − 7 days). A warning counts only if it went out at or after the last use (a use
 * after the warning starts over, without any write), and a seat is freed only once it has been idle
 * `afterDays` AND warned at least 7 days before.
 */
export function judgeSeat(seat: IdleSeat, afterDays: number, now: number): ReclaimJudgement | null {
  const idleSince = seat.lastUsedAt ?? seat.assignedAt;
  if (idleSince > warnCutoff(afterDays, now)) return null;
  const daysIdle = Math.floor((now - idleSince) / DAY_MS);
  const reclaimDue = idleSince + afterDays * DAY_MS;
  const warned = seat.warnedAt !== null && seat.warnedAt >= idleSince ? seat.warnedAt : null;
  if (warned === null) {
    return { action: 'warn', idleSince, daysIdle, warnOn: now, reclaimOn: Math.max(reclaimDue, now + WARNING_MS) };
  }
  const reclaimOn = Math.max(reclaimDue, warned + WARNING_MS);
  return { action: now >= reclaimOn ? 'reclaim' : 'wait', idleSince, daysIdle, warnOn: warned, reclaimOn };
}
