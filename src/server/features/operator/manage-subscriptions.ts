import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { SubscriptionKind } from '../../db/schema.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { freeSeat } from '../licenses/index.ts';
import { findOrganization } from '../organizations/index.ts';
import { findProductByKey, insertProduct } from '../products/index.ts';
import { findSubscriptionForOperator, insertSubscription, updateSubscription } from '../subscriptions/index.ts';
import { findUserByEmail } from '../users/index.ts';
import { OPERATOR_CLI } from './operator-actor.ts';

/** Operator actions (CLI): the vendor's catalogue and what each organization bought. */

export const PRODUCT_KEY_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export async function addProduct(db: Db, input: { key: string; name: string }, now = Date.now()) {
  if (!PRODUCT_KEY_PATTERN.test(input.key)) {
    throw new AppError(400, 'invalid-product-key', 'Invalid key', 'Use lower-case letters, digits, ".", "_" or "-".');
  }
  try {
    return await insertProduct(db, { key: input.key, name: input.name.trim(), now });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(409, 'product-exists', 'Product exists', `A product with key "${input.key}" exists.`);
    }
    throw error;
  }
}

export async function addSubscription(
  db: Db,
  input: {
    orgId: string;
    productKey: string;
    seats: number;
    startsAt: number;
    expiresAt: number;
    seatPriceCents?: number | null;
    currency?: string | null;
    /** 'named' (seats assigned to people, the default) or 'floating' (a pool of concurrent seats). */
    kind?: SubscriptionKind;
  },
  now = Date.now(),
  actor: AuditActor = OPERATOR_CLI,
) {
  if (!(await findOrganization(db, input.orgId))) {
    throw new AppError(404, 'not-found', 'Organization not found', `No organization has id ${input.orgId}.`);
  }
  const product = await findProductByKey(db, input.productKey);
  if (!product) {
    throw new AppError(
      404,
      'unknown-app',
      'Unknown product',
      `No product has key "${input.productKey}" (add-product first).`,
    );
  }
  assertSeats(input.seats);
  const kind = input.kind ?? 'named';
  if (kind !== 'named' && kind !== 'floating') {
    throw new AppError(400, 'invalid-kind', 'Invalid kind', 'A subscription’s seats are "named" or "floating".');
  }
  if (input.expiresAt <= input.startsAt) {
    throw new AppError(400, 'invalid-period', 'Invalid period', 'The expiry must come after the start.');
  }
  return db.transaction().execute(async (trx) => {
    const subscription = await insertSubscription(trx, {
      org_id: input.orgId,
      product_id: product.id,
      seats: input.seats,
      kind,
      starts_at: input.startsAt,
      expires_at: input.expiresAt,
      auto_renew: 1,
      seat_price_cents: input.seatPriceCents ?? null,
      currency: input.seatPriceCents == null ? null : (input.currency ?? 'USD'),
      now,
    });
    await recordAudit(
      trx,
      actor,
      {
        orgId: input.orgId,
        action: 'subscription.created',
        target: { type: 'subscription', id: subscription.id, label: product.name },
        after: {
          product: product.key,
          kind: subscription.kind,
          seats: subscription.seats,
          startsAt: toIso(subscription.starts_at),
          expiresAt: toIso(subscription.expires_at),
          autoRenew: true,
        },
      },
      now,
    );
    return subscription;
  });
}

/** A purchase or renewal recorded by the operator: the period now ends at `expiresAt`. */
export async function renewSubscription(
  db: Db,
  input: { id: string; expiresAt: number },
  now = Date.now(),
  actor: AuditActor = OPERATOR_CLI,
) {
  if (input.expiresAt <= now) {
    throw new AppError(400, 'invalid-period', 'Expiry in the past', 'A renewal must end in the future.');
  }
  return db.transaction().execute(async (trx) => {
    const subscription = await requireSubscription(trx, input.id);
    await updateSubscription(trx, subscription.org_id, input.id, { expires_at: input.expiresAt, updated_at: now });
    await recordSubscriptionChange(trx, actor, subscription, {
      before: { expiresAt: toIso(subscription.expires_at) },
      after: { expiresAt: toIso(input.expiresAt) },
      now,
    });
    return { ...subscription, expires_at: input.expiresAt };
  });
}

/** `subscription.changed` by the operator: a renewal or a new seat count (seats freed to get there included). */
async function recordSubscriptionChange(
  trx: Db,
  actor: AuditActor,
  subscription: { id: string; org_id: string },
  change: { before: Record<string, unknown>; after: Record<string, unknown>; now: number },
) {
  await recordAudit(
    trx,
    actor,
    {
      orgId: subscription.org_id,
      action: 'subscription.changed',
      target: { type: 'subscription', id: subscription.id, label: null },
      before: change.before,
      after: change.after,
    },
    change.now,
  );
}

/**
 * Changes the seats purchased. Going below what is assigned needs the emails of the
 * holders whose seats to free, so no one loses a seat by accident.
 */
export async function changeSeats(
  db: Db,
  input: { id: string; seats: number; release: string[] },
  now = Date.now(),
  actor: AuditActor = OPERATOR_CLI,
) {
  assertSeats(input.seats);
  return db.transaction().execute(async (trx) => {
    const subscription = await requireSubscription(trx, input.id);
    for (const email of input.release) {
      const user = await findUserByEmail(trx, email);
      const freed =
        user?.org_id === subscription.org_id &&
        (await freeSeat(trx, {
          orgId: subscription.org_id,
          subscriptionId: subscription.id,
          userId: user.id,
          by: null,
          reason: 'seats reduced',
          now,
        }));
      if (!freed) {
        throw new AppError(404, 'not-assigned', 'No such holder', `${email} holds no seat of this subscription.`);
      }
    }
    // The row locked (PostgreSQL) before its counts are read: a lease or seat taken meanwhile waits for this.
    const seen = await requireSubscription(trx, input.id);
    await updateSubscription(trx, seen.org_id, seen.id, { updated_at: now });
    const current = await requireSubscription(trx, input.id);
    if (current.kind === 'floating') assertPoolFits(current, input.seats);
    if (input.seats < current.assigned) {
      throw new AppError(
        409,
        'seats-in-use',
        'Seats in use',
        `${current.assigned} seats are assigned; name ${current.assigned - input.seats} holder(s) to free with --release.`,
      );
    }
    await updateSubscription(trx, current.org_id, current.id, { seats: input.seats, updated_at: now });
    await recordSubscriptionChange(trx, actor, current, {
      before: { seats: current.seats },
      after: { seats: input.seats, ...(input.release.length > 0 ? { seatsReleasedFrom: input.release } : {}) },
      now,
    });
    return { ...current, seats: input.seats };
  });
}

/**
 * A floating pool cannot shrink below the leases out now (an owner force-releases them first, on the Seats
 * in use page) nor to the seats it keeps from borrowing.
 */
function assertPoolFits(pool: { leased: number; min_pool_seats: number }, seats: number): void {
  if (seats < pool.leased) {
    throw new AppError(
      409,
      'seats-in-use',
      'Seats in use',
      `${pool.leased} seats of this floating pool are in use now; release ${pool.leased - seats} on the Seats in use page (or wait) before going down to ${seats}.`,
    );
  }
  if (pool.min_pool_seats > 0 && seats <= pool.min_pool_seats) {
    throw new AppError(
      409,
      'seats-in-use',
      'Seats kept in the pool',
      `The pool keeps ${pool.min_pool_seats} seats from borrowing; lower that seat rule first, or keep more than ${pool.min_pool_seats} seats.`,
    );
  }
}

async function requireSubscription(db: Db, id: string) {
  const subscription = await findSubscriptionForOperator(db, id);
  if (!subscription) throw new AppError(404, 'not-found', 'Subscription not found', `No subscription has id ${id}.`);
  return subscription;
}

function assertSeats(seats: number): void {
  if (!Number.isInteger(seats) || seats < 0 || seats > 1_000_000) {
    throw new AppError(400, 'invalid-seats', 'Invalid seat count', 'Seats must be a whole number from 0 to 1,000,000.');
  }
}
