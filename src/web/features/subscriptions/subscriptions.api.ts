import type {
  AssignBody,
  Assignment,
  AssignmentPage,
  ReassignBody,
  SeatRulesPatch,
  Subscription,
  SubscriptionPage,
} from '../../../contract/subscriptions';
import { api } from '../../lib/api';

const base = (id: string) => `/subscriptions/${encodeURIComponent(id)}`;

export function listSubscriptions(signal?: AbortSignal): Promise<SubscriptionPage> {
  return api.get('/subscriptions', { signal });
}

export function fetchSubscription(id: string, signal?: AbortSignal): Promise<Subscription> {
  return api.get(base(id), { signal });
}

/** The current holders of a subscription's seats. */
export function listAssignments(subscriptionId: string, signal?: AbortSignal): Promise<AssignmentPage> {
  return api.get(`${base(subscriptionId)}/assignments`, { signal });
}

/** 409 `no-free-seat`, `user-deactivated` or `subscription-expired` when it cannot be done. */
export function assignSeat(subscriptionId: string, userId: string): Promise<Assignment> {
  return api.post(`${base(subscriptionId)}/assignments`, { userId } satisfies AssignBody);
}

/** Also ends the user's running app sessions of that product. */
export function unassignSeat(subscriptionId: string, userId: string): Promise<void> {
  return api.delete(`${base(subscriptionId)}/assignments/${encodeURIComponent(userId)}`);
}

/**
 * Frees `fromUserId`'s seat and gives it to `toUserId` in one transaction, so the seat is never lost to someone
 * else in between; answers the new holder's assignment.
 */
export function reassignSeat(subscriptionId: string, fromUserId: string, toUserId: string): Promise<Assignment> {
  return api.post(`${base(subscriptionId)}/assignments/${encodeURIComponent(fromUserId)}/reassign`, {
    toUserId,
  } satisfies ReassignBody);
}

/** Turns auto-renew off: access continues until the subscription's expiry. */
export function cancelSubscription(id: string): Promise<Subscription> {
  return api.post(`${base(id)}/cancel`);
}

export function resumeSubscription(id: string): Promise<Subscription> {
  return api.post(`${base(id)}/resume`);
}

/** 409 `seat-rules-conflict` when a rule does not fit the subscription's kind or seats. */
export function changeSeatRules(id: string, patch: SeatRulesPatch): Promise<Subscription> {
  return api.patch(`${base(id)}/seat-rules`, patch);
}
