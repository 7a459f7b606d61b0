import type { AppSessionEndReason, SubscriptionKind } from '../../db/schema.ts';
import { AppError } from '../../lib/app-error.ts';

/** What a heartbeat (or sign-out) needs to know about its session. */
export interface SessionFacts {
  heartbeat_interval_s: number;
  /** Silence (s) that ends the session; null: 3 heartbeat intervals (named seats). A floating pool's lease window. */
  silence_limit_s: number | null;
  last_heartbeat_at: number;
  ended_at: number | null;
  end_reason: AppSessionEndReason | null;
  user_status: 'active' | 'deactivated';
  subscription_kind: SubscriptionKind;
  subscription_expires_at: number;
  /** The named seat the session runs on, while it is held. */
  assignment_id: number | null;
  /** The session's live lease: a floating session lives on it. */
  lease_id: number | null;
  /** The owner's note when the session ended because its lease was force-released. */
  lease_note?: string | null;
}

/** The silence (ms) after which a session is over. */
export function silenceLimitMs(session: Pick<SessionFacts, 'heartbeat_interval_s' | 'silence_limit_s'>): number {
  return (session.silence_limit_s ?? session.heartbeat_interval_s * 3) * 1000;
}

export type Verdict =
  /** Alive: slide it forward. */
  | { kind: 'alive' }
  /** Over now: end it (at `at`, for `reason`) and refuse with `error`. */
  | { kind: 'end'; reason: AppSessionEndReason; at: number; error: AppError }
  /** Already over, or never existed: refuse. */
  | { kind: 'refuse'; error: AppError };

/**
 * Decides a heartbeat, newest rule first: a session that was ended stays ended; one
 * silent past its limit (3 intervals, or a floating pool's lease window) ended at its
 * last heartbeat; then the account, the seat (a named seat still held, or a floating
 * session's lease still live) and the subscription must still allow the app. Pure, so
 * every rule is unit-tested.
 */
export function judgeHeartbeat(session: SessionFacts, now: number): Verdict {
  if (session.ended_at !== null) {
    return { kind: 'refuse', error: errorFor(session.end_reason ?? 'signed_out', session.lease_note) };
  }
  if (now - session.last_heartbeat_at > silenceLimitMs(session)) {
    return { kind: 'end', reason: 'timed_out', at: session.last_heartbeat_at, error: errorFor('timed_out') };
  }
  const seatGone =
    session.subscription_kind === 'floating' ? session.lease_id === null : session.assignment_id === null;
  const reason: AppSessionEndReason | undefined =
    session.user_status !== 'active'
      ? 'deactivated'
      : seatGone
        ? session.subscription_kind === 'floating'
          ? 'lease_released'
          : 'seat_removed'
        : session.subscription_expires_at <= now
          ? 'expired'
          : undefined;
  if (reason) return { kind: 'end', reason, at: now, error: errorFor(reason) };
  return { kind: 'alive' };
}

export const sessionInvalid = () =>
  new AppError(401, 'session-invalid', 'Unknown session', 'Sign in again: this session token is not known.');

/** Problem codes an app can act on (see docs/sdk.md): 401 → sign in again; 403 → the user has no seat now. */
export function errorFor(reason: AppSessionEndReason, note?: string | null): AppError {
  switch (reason) {
    case 'signed_out':
      return new AppError(401, 'session-ended', 'Session ended', 'This session was signed out; sign in again.');
    case 'timed_out':
      return new AppError(
        401,
        'session-timed-out',
        'Session timed out',
        'No heartbeat in time: the session ended at its last heartbeat and its seat was freed. Sign in again.',
      );
    case 'deactivated':
      return new AppError(401, 'account-deactivated', 'Account deactivated', 'Ask an owner of your organization.');
    case 'seat_removed':
      return new AppError(403, 'seat-removed', 'Seat removed', 'Your seat for this app was taken away by an owner.');
    case 'expired':
      return new AppError(403, 'subscription-expired', 'Subscription expired', 'The subscription for this app ended.');
    // Ended from the console's sessions list: the user may sign in again (an owner who wants
    // them out for good deactivates them or takes the seat).
    case 'ended_by_owner':
      return new AppError(
        401,
        'session-revoked',
        'Session ended from the console',
        'An owner of your organization ended this session. Sign in again.',
      );
    case 'ended_by_user':
      return new AppError(
        401,
        'session-revoked',
        'Session ended from the console',
        'You ended this session from the console. Sign in again.',
      );
    case 'replaced':
      return new AppError(
        401,
        'session-replaced',
        'Signed in again on this device',
        'A newer sign-in on the same device took this session over. Use the newer session token.',
      );
    case 'lease_released':
      return new AppError(
        403,
        'lease-released',
        'Seat released by an owner',
        `An owner of your organization released this seat${note ? `: “${note}”` : ''}. Sign in again to take a seat.`,
      );
    case 'returned':
      return new AppError(
        401,
        'session-ended',
        'Session ended',
        'The borrowed seat of this session was returned; sign in again.',
      );
  }
}
