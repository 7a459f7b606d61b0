import type { Db } from '../../db/database.ts';
import type { SubscriptionKind } from '../../db/schema.ts';
import { toIso } from '../../lib/time.ts';
import { queueSeatEvents } from '../notifications/index.ts';
import { countLeaseTaken, insertLease, noteSeatsInUse } from './seat-leases.repository.ts';

/**
 * A device takes a seat of a subscription, inside the caller's transaction: the lease counted (on a
 * floating pool only while one is free), its row, the hour's seats in use and the `lease.taken` webhook.
 * Null when the floating pool is full: nothing was written.
 */
export async function takeLease(
  trx: Db,
  input: {
    subscription: { orgId: string; id: string; kind: SubscriptionKind };
    userId: string;
    appSessionId: number | null;
    device: { id: string | null; name: string | null };
    now: number;
  },
): Promise<{ leaseId: number; leased: number; seats: number } | null> {
  const { subscription, now } = input;
  const counted = await countLeaseTaken(
    trx,
    { orgId: subscription.orgId, id: subscription.id, floating: subscription.kind === 'floating' },
    now,
  );
  if (!counted) return null;
  const leaseId = await insertLease(trx, {
    org_id: subscription.orgId,
    subscription_id: subscription.id,
    user_id: input.userId,
    app_session_id: input.appSessionId,
    device_id: input.device.id,
    device_name: input.device.name,
    taken_at: now,
    borrowed_at: null,
    borrowed_until: null,
    signing_key_id: null,
    released_at: null,
    release_reason: null,
    released_by: null,
    release_note: null,
  });
  await noteSeatsInUse(trx, {
    orgId: subscription.orgId,
    subscriptionId: subscription.id,
    before: counted.leased - 1,
    after: counted.leased,
    seats: counted.seats,
    at: now,
  });
  await queueSeatEvents(trx, {
    orgId: subscription.orgId,
    now,
    events: [
      {
        type: 'lease.taken',
        data: {
          lease: {
            id: String(leaseId),
            subscriptionId: subscription.id,
            userId: input.userId,
            deviceId: input.device.id,
            deviceName: input.device.name,
            takenAt: toIso(now),
          },
          seatsInUse: counted.leased,
          seats: counted.seats,
        },
      },
    ],
  });
  return { leaseId, ...counted };
}
