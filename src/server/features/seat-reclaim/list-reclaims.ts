import type { Reclaim } from '../../../contract/seat-reclaim.ts';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../lib/app-error.ts';
import { DAY_MS, toIso } from '../../lib/time.ts';
import { UNDO_MS } from './reclaim-rules.ts';
import { findReclaimPolicy, listReclaims, type ReclaimRow } from './seat-reclaim.repository.ts';

/** How far back the list of reclaims reaches (days): past the undo window, so an expired one still shows. */
const LISTED_DAYS = 30;

export function toReclaim(row: ReclaimRow, now: number): Reclaim {
  const undoUntil = row.reclaimedAt + UNDO_MS;
  return {
    assignmentId: String(row.id),
    user: { id: row.userId, email: row.email, name: row.name, status: row.userStatus },
    reclaimedAt: toIso(row.reclaimedAt),
    lastUsedAt: toIso(row.lastUsedAt),
    daysIdle: Math.floor((row.reclaimedAt - (row.lastUsedAt ?? row.assignedAt)) / DAY_MS),
    undoUntil: toIso(undoUntil),
    status: row.undone ? 'undone' : 'reclaimed',
    canUndo: !row.undone && now < undoUntil && row.userStatus === 'active',
  };
}

/** The seats the policy freed in the last 30 days, newest first, with until when each can be undone. */
export async function listRecentReclaims(
  db: Db,
  input: { orgId: string; subscriptionId: string; now: number },
): Promise<Reclaim[]> {
  if (!(await findReclaimPolicy(db, input.orgId, input.subscriptionId))) throw notFound('Subscription');
  const rows = await listReclaims(db, input.orgId, input.subscriptionId, input.now - LISTED_DAYS * DAY_MS);
  return rows.map((row) => toReclaim(row, input.now));
}
