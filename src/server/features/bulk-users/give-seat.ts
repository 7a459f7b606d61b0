import type { HeldSeat } from '../../../contract/users.ts';
import type { Db } from '../../db/database.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { insertAssignment } from '../licenses/index.ts';
import { findSubscription, floatingSubscription, reserveSeat, subscriptionExpired } from '../subscriptions/index.ts';

export const noFreeSeat = (productName: string, seats: number) =>
  new AppError(
    409,
    'no-free-seat',
    'No free seat',
    `All ${seats} seats of ${productName} are assigned. Free a seat or buy more, or add the user without a seat.`,
  );

/**
 * Gives a user who holds no seat of it (a user being created) a seat of this subscription, inside the
 * caller's transaction: 404 for a subscription the organization does not have, 409 when it has ended or
 * has no free seat (the conditional update decides, so parallel requests cannot overfill it).
 */
export async function giveSeatToNewUser(
  trx: Db,
  input: { orgId: string; subscriptionId: string; userId: string; actorId: string | null; now: number },
): Promise<HeldSeat> {
  const { orgId, subscriptionId, now } = input;
  const subscription = await findSubscription(trx, orgId, subscriptionId);
  if (!subscription) throw notFound('Subscription');
  if (subscription.kind === 'floating') throw floatingSubscription();
  if (subscription.expires_at <= now) throw subscriptionExpired();
  if (!(await reserveSeat(trx, orgId, subscriptionId, now))) {
    throw noFreeSeat(subscription.product_name, subscription.seats);
  }
  await insertAssignment(trx, { orgId, subscriptionId, userId: input.userId, assignedBy: input.actorId, now });
  return {
    subscriptionId,
    product: { key: subscription.product_key, name: subscription.product_name },
    expired: false,
  };
}
