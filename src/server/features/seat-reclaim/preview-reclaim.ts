import {
  RECLAIM_UNDO_DAYS,
  RECLAIM_WARNING_DAYS,
  type ReclaimCandidate,
  type ReclaimPreview,
} from '../../../contract/seat-reclaim.ts';
import type { Db } from '../../db/database.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { judgeSeat, warnCutoff } from './reclaim-rules.ts';
import { findIdleSeats, findReclaimPolicy } from './seat-reclaim.repository.ts';

/** Previewed while the policy is off and no number is asked for: the console's middle preset. */
const DEFAULT_PREVIEW_DAYS = 90;

export const floatingHasNoReclaim = () =>
  new AppError(
    409,
    'floating-subscription',
    'Not for floating pools',
    'A floating pool has no holders to reclaim from: its seats come back when the app stops.',
  );

/**
 * What the policy of `afterDays` would do at `now` (the job's next run): every seat idle for at least
 * afterDays − 7 days, with the action the job takes on it — the same rule (judgeSeat) the job follows.
 */
export async function previewReclaim(
  db: Db,
  input: { orgId: string; subscriptionId: string; afterDays: number | undefined; now: number },
): Promise<ReclaimPreview> {
  const policy = await findReclaimPolicy(db, input.orgId, input.subscriptionId);
  if (!policy) throw notFound('Subscription');
  if (policy.kind === 'floating') throw floatingHasNoReclaim();
  const policyAfterDays = policy.reclaim_after_days === null ? null : Number(policy.reclaim_after_days);
  const afterDays = input.afterDays ?? policyAfterDays ?? DEFAULT_PREVIEW_DAYS;
  const items: (ReclaimCandidate & { idleSince: number })[] = [];
  let afterId = 0;
  for (;;) {
    const seats = await findIdleSeats(db, {
      orgId: input.orgId,
      subscriptionId: input.subscriptionId,
      cutoff: warnCutoff(afterDays, input.now),
      afterId,
      limit: 500,
    });
    for (const seat of seats) {
      const judgement = judgeSeat(seat, afterDays, input.now);
      if (!judgement) continue;
      items.push({
        assignmentId: String(seat.id),
        user: { id: seat.userId, email: seat.email, name: seat.name },
        assignedAt: toIso(seat.assignedAt),
        lastUsedAt: toIso(seat.lastUsedAt),
        daysIdle: judgement.daysIdle,
        warnedAt: toIso(seat.warnedAt),
        action: judgement.action,
        warnOn: toIso(judgement.warnOn),
        reclaimOn: toIso(judgement.reclaimOn),
        idleSince: judgement.idleSince,
      });
    }
    if (seats.length < 500) break;
    afterId = seats[seats.length - 1]?.id ?? afterId;
  }
  items.sort((a, b) => a.idleSince - b.idleSince || Number(a.assignmentId) - Number(b.assignmentId));
  return {
    subscriptionId: input.subscriptionId,
    afterDays,
    policyAfterDays,
    warningDays: RECLAIM_WARNING_DAYS,
    undoDays: RECLAIM_UNDO_DAYS,
    warnCount: items.filter((item) => item.action === 'warn').length,
    reclaimCount: items.filter((item) => item.action === 'reclaim').length,
    items: items.map(({ idleSince: _idleSince, ...item }) => item),
  };
}
