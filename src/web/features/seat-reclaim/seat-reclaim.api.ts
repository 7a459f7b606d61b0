import type { Reclaim, ReclaimPage, ReclaimPreview } from '../../../contract/seat-reclaim';
import { api } from '../../lib/api';

const base = (id: string) => `/subscriptions/${encodeURIComponent(id)}`;

/** What a policy of `afterDays` would do today (warn, free, wait); changes nothing. */
export function previewReclaim(
  subscriptionId: string,
  afterDays: number,
  signal?: AbortSignal,
): Promise<ReclaimPreview> {
  return api.get(`${base(subscriptionId)}/reclaim-preview?afterDays=${afterDays}`, { signal });
}

/** Seats the policy freed in the last 30 days, newest first. */
export function listReclaims(subscriptionId: string, signal?: AbortSignal): Promise<ReclaimPage> {
  return api.get(`${base(subscriptionId)}/reclaims`, { signal });
}

/** 409 `no-free-seat`, `undo-expired`, `reclaim-undone`, `user-deactivated` … when it cannot be done. */
export function undoReclaim(subscriptionId: string, assignmentId: string): Promise<Reclaim> {
  return api.post(`${base(subscriptionId)}/reclaims/${encodeURIComponent(assignmentId)}/undo`);
}
