import type { SeatDenialReason, SubscriptionKind } from '../../db/schema.ts';

/** A subscription of the product that could seat the user (licenses' findSeatsForApp). */
export interface SeatCandidate {
  subscription_id: string;
  kind: SubscriptionKind;
  seats: number;
  leased: number;
  expires_at: number;
  lease_window_s: number;
  device_limit: number;
  /** The user's named seat there, when they hold one. */
  assignment_id: number | null;
}

export type SeatChoice =
  /** The user's own named seat (the latest-expiring, when they hold several). */
  | { kind: 'named'; seat: SeatCandidate & { assignment_id: number } }
  /** The organization's running floating pools, least full first: try each until one has room. */
  | { kind: 'floating'; pools: SeatCandidate[] }
  /** Nothing to try: why, and the subscription the refusal is about (an expired one), if any. */
  | {
      kind: 'none';
      reason: Extract<SeatDenialReason, 'no_seat' | 'subscription_expired'>;
      subscriptionId: string | null;
    };

/**
 * Which seat an app sign-in gets (pure): the user's named seat on a running subscription first;
 * otherwise the running floating pools of the product, least full first (the share leased, then the
 * most seats). No running one: `subscription_expired` when the user's named seat or the organization's
 * pool exists but has ended, else `no_seat`.
 */
export function chooseSeat(candidates: SeatCandidate[], now: number): SeatChoice {
  const running = candidates.filter((candidate) => candidate.expires_at > now);
  const named = running
    .filter(
      (candidate): candidate is SeatCandidate & { assignment_id: number } =>
        candidate.kind === 'named' && candidate.assignment_id !== null,
    )
    .sort((a, b) => b.expires_at - a.expires_at)[0];
  if (named) return { kind: 'named', seat: named };
  const pools = running
    .filter((candidate) => candidate.kind === 'floating')
    .sort((a, b) => share(a) - share(b) || b.seats - a.seats);
  if (pools.length > 0) return { kind: 'floating', pools };
  const expired = candidates
    .filter((candidate) => candidate.expires_at <= now)
    .sort((a, b) => b.expires_at - a.expires_at)[0];
  return expired
    ? { kind: 'none', reason: 'subscription_expired', subscriptionId: expired.subscription_id }
    : { kind: 'none', reason: 'no_seat', subscriptionId: null };
}

const share = (pool: SeatCandidate) => pool.leased / Math.max(1, pool.seats);
