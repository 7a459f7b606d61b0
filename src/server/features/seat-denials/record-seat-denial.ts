import type { Db } from '../../db/database.ts';
import type { SeatDenialReason } from '../../db/schema.ts';
import { toIso } from '../../lib/time.ts';
import { queueSeatEvents } from '../notifications/index.ts';
import { insertSeatDenial, markDenialsSeatedOnRetry } from './seat-denials.repository.ts';

/**
 * A denial counts as real (the person was turned away) only when no seat came on a retry within this
 * window (RLM's rule: a denial is real once the client has given up). Until then it is 'pending'.
 */
export const DENIAL_RETRY_WINDOW_MS = 30 * 60_000;

/**
 * Records a refused seat request inside the caller's transaction: the denial ('pending') and the
 * `lease.denied` webhook, so a vendor's back end hears of it at once. Answers the denial's id.
 */
export async function recordSeatDenial(
  trx: Db,
  input: {
    orgId: string;
    subscriptionId: string | null;
    productKey: string;
    userId: string;
    device: { id: string | null; name: string | null };
    reason: SeatDenialReason;
    now: number;
  },
): Promise<number> {
  const id = await insertSeatDenial(trx, {
    org_id: input.orgId,
    subscription_id: input.subscriptionId,
    product_key: input.productKey,
    user_id: input.userId,
    device_id: input.device.id,
    device_name: input.device.name,
    reason: input.reason,
    denied_at: input.now,
  });
  await queueSeatEvents(trx, {
    orgId: input.orgId,
    now: input.now,
    events: [
      {
        type: 'lease.denied',
        data: {
          denial: {
            id: String(id),
            subscriptionId: input.subscriptionId,
            product: input.productKey,
            userId: input.userId,
            deviceId: input.device.id,
            deviceName: input.device.name,
            reason: input.reason,
            deniedAt: toIso(input.now),
          },
        },
      },
    ],
  });
  return id;
}

/**
 * Inside the transaction that gave the user a seat of the product: their pending denials of the last
 * DENIAL_RETRY_WINDOW_MS were not real, they got a seat on a retry.
 */
export async function settleDenialsOnSeat(
  trx: Db,
  input: { orgId: string; userId: string; productKey: string; now: number },
): Promise<number> {
  return markDenialsSeatedOnRetry(trx, { ...input, since: input.now - DENIAL_RETRY_WINDOW_MS });
}
