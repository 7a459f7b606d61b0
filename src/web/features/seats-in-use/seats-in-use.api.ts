import type { ForceReleaseBody, LeasePage } from '../../../contract/leases';
import { api } from '../../lib/api';

const base = (subscriptionId: string) => `/subscriptions/${encodeURIComponent(subscriptionId)}/leases`;

export const seatsInUseKeys = {
  all: ['seats-in-use'] as const,
  leases: (subscriptionId: string) => [...seatsInUseKeys.all, subscriptionId] as const,
};

/** A page of the subscription's live leases, newest first. */
export function listLeases(subscriptionId: string, cursor: string | null, signal?: AbortSignal): Promise<LeasePage> {
  const query = new URLSearchParams({ limit: '100' });
  if (cursor) query.set('cursor', cursor);
  return api.get(`${base(subscriptionId)}?${query}`, { signal });
}

/** 404 `lease-not-found` when the seat was released already (by its app, the window, or another owner). */
export function forceReleaseLease(subscriptionId: string, leaseId: string, reason: string): Promise<void> {
  return api.delete(`${base(subscriptionId)}/${encodeURIComponent(leaseId)}`, {
    body: { reason } satisfies ForceReleaseBody,
  });
}
