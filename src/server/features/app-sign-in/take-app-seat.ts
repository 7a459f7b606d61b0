import type { Db } from '../../db/database.ts';
import type { SeatDenialReason } from '../../db/schema.ts';
import { markSeatsUsed, replaceSessionsOnDevice } from '../app-sessions/index.ts';
import { findLiveLeasesOfUser, type LiveLease, lockLiveLease, takeLease } from '../seat-leases/index.ts';
import { updateUser } from '../users/index.ts';
import type { SeatCandidate, SeatChoice } from './choose-seat.ts';

/**
 * Thrown inside the opening transaction when no seat can be had after all (the pool filled, the device
 * limit): it rolls everything back, and the sign-in then records the refusal in a transaction of its own.
 */
export class SeatRefused extends Error {
  constructor(
    readonly reason: Extract<SeatDenialReason, 'pool_full' | 'device_limit'>,
    readonly subscription: SeatCandidate,
    /** Device limit: the names of the devices the seat runs on now. */
    readonly devicesInUse: string[] = [],
  ) {
    super(reason);
    this.name = 'SeatRefused';
  }
}

/**
 * The seat of an app sign-in, inside its transaction, before the session exists (the caller attaches the
 * lease to it). First the named seat's and the user's rows are written ("last used", "last sign-in"), which
 * on PostgreSQL locks them: two
 * sign-ins of one user take turns, so the device count below cannot be passed by running them at once
 * (SQLite has one writer anyway). Then the older sessions of the same app on this device are replaced
 * (their online leases freed). A seat borrowed by this device is picked up again; otherwise a named seat
 * counts the user's other devices against its limit and takes a lease, and a floating sign-in takes a
 * lease from the first pool with room. Throws SeatRefused when none.
 */
export async function takeAppSeat(
  trx: Db,
  input: {
    orgId: string;
    userId: string;
    appKey: string;
    device: { id: string | null; name: string | null };
    choice: Exclude<SeatChoice, { kind: 'none' }>;
    now: number;
  },
): Promise<{ subscription: SeatCandidate; leaseId: number; pickedUp: boolean }> {
  const { orgId, userId, device, choice, now } = input;
  // Rows are locked in the order every writer takes them (the heartbeat batch too): the seat, the user, the
  // subscription (takeLease), then the aggregates, so that no two transactions wait on each other in a circle.
  if (choice.kind === 'named') await markSeatsUsed(trx, [choice.seat.assignment_id], now);
  await updateUser(trx, orgId, userId, { last_login_at: now, last_app_use_at: now, updated_at: now });
  if (device.id !== null) {
    await replaceSessionsOnDevice(trx, { orgId, userId, appKey: input.appKey, deviceId: device.id, now });
  }
  const subscriptions = choice.kind === 'named' ? [choice.seat] : choice.pools;
  const leasesBySubscription = new Map<string, LiveLease[]>();
  for (const subscription of subscriptions) {
    const leases = await findLiveLeasesOfUser(trx, orgId, subscription.subscription_id, userId);
    // A borrowing still running (one past its end is the sweeper's to free) and still live once locked.
    const borrowedHere = leases.find(
      (lease) => lease.borrowed_until !== null && lease.borrowed_until > now && sameDevice(lease, device.id),
    );
    if (borrowedHere && (await lockLiveLease(trx, borrowedHere.id))) {
      return { subscription, leaseId: borrowedHere.id, pickedUp: true };
    }
    leasesBySubscription.set(subscription.subscription_id, leases);
  }
  const take = (subscription: SeatCandidate) =>
    takeLease(trx, {
      subscription: { orgId, id: subscription.subscription_id, kind: subscription.kind },
      userId,
      appSessionId: null,
      device,
      now,
    });
  if (choice.kind === 'named') {
    const elsewhere = (leasesBySubscription.get(choice.seat.subscription_id) ?? []).filter(
      (lease) => !sameDevice(lease, device.id),
    );
    const devices = new Map(elsewhere.map((lease) => [lease.device_id ?? `lease ${lease.id}`, lease.device_name]));
    if (devices.size >= choice.seat.device_limit) {
      throw new SeatRefused(
        'device_limit',
        choice.seat,
        [...devices].map(([id, name]) => name ?? id),
      );
    }
    const taken = await take(choice.seat);
    // A named seat's lease is always counted (takeLease refuses only a full floating pool).
    if (!taken) throw new Error('a named seat’s lease was refused');
    return { subscription: choice.seat, leaseId: taken.leaseId, pickedUp: false };
  }
  for (const pool of choice.pools) {
    const taken = await take(pool);
    if (taken) return { subscription: pool, leaseId: taken.leaseId, pickedUp: false };
  }
  throw new SeatRefused('pool_full', choice.pools[0] as SeatCandidate);
}

function sameDevice(lease: Pick<LiveLease, 'device_id'>, deviceId: string | null): boolean {
  return deviceId !== null && lease.device_id === deviceId;
}
