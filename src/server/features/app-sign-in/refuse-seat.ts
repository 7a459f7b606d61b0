import type { AppDeps } from '../../app-deps.ts';
import type { SeatDenialReason, UserRow } from '../../db/schema.ts';
import { AppError, formatWait } from '../../lib/app-error.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import type { SignInAttempt } from '../activity/index.ts';
import { findSoonestLapse } from '../app-sessions/index.ts';
import { recordSignInAttempt } from '../auth/index.ts';
import type { Product } from '../products/index.ts';
import { recordSeatDenial } from '../seat-denials/index.ts';

/** Bounds of a pool-full answer's Retry-After (s): not a busy loop, not longer than a lease window's default. */
export const POOL_RETRY_MIN_S = 15;
export const POOL_RETRY_MAX_S = 600;

export interface Refusal {
  reason: SeatDenialReason;
  /** The subscription the refusal is about: the pool tried first, the named seat, the expired one. */
  subscriptionId: string | null;
  /** Pool full: every pool tried, for the soonest lapse among their leases. */
  pools?: string[];
  /** Device limit: the devices the seat runs on now, and the limit. */
  devicesInUse?: string[];
  deviceLimit?: number;
}

/**
 * Records a refused seat in a transaction of its own — the failed sign-in attempt (failure reason
 * no_license, pool_full or device_limit) and the denial with its `lease.denied` webhook — and answers the
 * problem to send: 403 no-license, pool-full (with Retry-After: seconds until the soonest online lease of
 * the pools could lapse, clamped to 15..600, also as `retryAfterSeconds`) or device-limit; `denialId` names
 * the denial.
 */
export async function refuseSeat(
  deps: AppDeps,
  client: ClientContext,
  input: {
    user: UserRow;
    attempt: (overrides: Partial<SignInAttempt>) => SignInAttempt;
    product: Product;
    refusal: Refusal;
  },
): Promise<AppError> {
  const { user, product, refusal } = input;
  const now = deps.now();
  const failureReason =
    refusal.reason === 'pool_full' ? 'pool_full' : refusal.reason === 'device_limit' ? 'device_limit' : 'no_license';
  const denialId = await deps.database.db.transaction().execute(async (trx) => {
    const { row } = await recordSignInAttempt(
      trx,
      deps,
      client,
      input.attempt({ outcome: 'failure', failureReason, occurredAt: now }),
      user,
    );
    return recordSeatDenial(trx, {
      orgId: user.org_id,
      subscriptionId: refusal.subscriptionId,
      productKey: product.key,
      userId: user.id,
      device: { id: row.device_id, name: row.device_name },
      reason: refusal.reason,
      now,
    });
  });
  const members = { denialId: String(denialId) };
  switch (refusal.reason) {
    case 'pool_full': {
      const lapse = await findSoonestLapse(deps.database.db, user.org_id, refusal.pools ?? []);
      const seconds = Math.min(
        POOL_RETRY_MAX_S,
        Math.max(POOL_RETRY_MIN_S, lapse === null ? POOL_RETRY_MAX_S : Math.ceil((lapse - now) / 1000)),
      );
      return new AppError(
        403,
        'pool-full',
        'Every seat is in use',
        `Every floating seat of ${product.name} is in use. Try again in ${formatWait(seconds)}, or when a colleague closes the app.`,
        { headers: { 'Retry-After': String(seconds) }, members: { ...members, retryAfterSeconds: seconds } },
      );
    }
    case 'device_limit': {
      const devices = refusal.devicesInUse ?? [];
      return new AppError(
        403,
        'device-limit',
        'Seat in use on too many devices',
        `Your seat of ${product.name} already runs on ${devices.length} device${devices.length === 1 ? '' : 's'} ` +
          `(${devices.join(', ')}), the most it may (${refusal.deviceLimit ?? devices.length}). Sign out of ` +
          `${product.name} on one of them, or ask an owner to release it on the Seats in use page.`,
        { members },
      );
    }
    case 'subscription_expired':
      return new AppError(
        403,
        'no-license',
        'No seat for this app',
        `The subscription of ${product.name} that gave ${user.email} a seat has ended. Ask an owner of your organization to renew it.`,
        { members },
      );
    case 'no_seat':
      return new AppError(
        403,
        'no-license',
        'No seat for this app',
        `${user.email} holds no seat of ${product.name}. Ask an owner of your organization to assign one.`,
        { members },
      );
  }
}
