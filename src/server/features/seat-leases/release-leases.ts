import type { Db } from '../../db/database.ts';
import type { LeaseReleaseReason, SeatLeaseRow } from '../../db/schema.ts';
import { toIso } from '../../lib/time.ts';
import { queueSeatEvents, type SeatEvent } from '../notifications/index.ts';
import {
  attachLease,
  countLeasesReleased,
  findLiveLeasesOfSessions,
  markLeaseReleased,
  noteSeatsInUse,
} from './seat-leases.repository.ts';

type ReleasableLease = Pick<
  SeatLeaseRow,
  'org_id' | 'subscription_id' | 'user_id' | 'device_id' | 'device_name' | 'borrowed_until'
> & { id: number };

/**
 * Frees leases inside the caller's transaction, each once however many callers race for it (the
 * conditional release decides): the counts of its subscription, the hour's seats in use, and a
 * `lease.released` webhook (`lease.returned` for a return). Answers how many this call freed.
 */
export async function releaseLeases(
  trx: Db,
  leases: ReleasableLease[],
  release: { reason: LeaseReleaseReason; by: string | null; note: string | null; now: number },
): Promise<number> {
  let freed = 0;
  const eventsByOrg = new Map<string, SeatEvent[]>();
  // One order for every writer (subscription, then lease): two transactions freeing leases of the same two
  // pools take their rows in the same order and cannot deadlock on PostgreSQL.
  const ordered = [...leases].sort((a, b) => a.subscription_id.localeCompare(b.subscription_id) || a.id - b.id);
  for (const lease of ordered) {
    const released = await markLeaseReleased(trx, lease.id, {
      at: release.now,
      reason: release.reason,
      by: release.by,
      note: release.note,
    });
    if (!released) continue;
    freed++;
    const counted = await countLeasesReleased(trx, {
      orgId: lease.org_id,
      subscriptionId: lease.subscription_id,
      leases: 1,
      borrowed: released.borrowed ? 1 : 0,
      now: release.now,
    });
    await noteSeatsInUse(trx, {
      orgId: lease.org_id,
      subscriptionId: lease.subscription_id,
      before: counted.leased + 1,
      after: counted.leased,
      seats: counted.seats,
      at: release.now,
    });
    const events = eventsByOrg.get(lease.org_id) ?? [];
    events.push({
      type: release.reason === 'returned' ? 'lease.returned' : 'lease.released',
      data: {
        lease: {
          id: String(lease.id),
          subscriptionId: lease.subscription_id,
          userId: lease.user_id,
          deviceId: lease.device_id,
          deviceName: lease.device_name,
          releasedAt: toIso(release.now),
          reason: release.reason,
          note: release.note,
        },
        seatsInUse: counted.leased,
        seats: counted.seats,
      },
    });
    eventsByOrg.set(lease.org_id, events);
  }
  for (const [orgId, events] of eventsByOrg) await queueSeatEvents(trx, { orgId, events, now: release.now });
  return freed;
}

/**
 * What ending app sessions does to their seats, inside the caller's transaction: an online lease is
 * freed with its session; a borrowed one stays out (the app runs offline on it) and only lets go of
 * the session.
 */
export async function releaseLeasesOfSessions(trx: Db, sessionIds: number[], now: number): Promise<number> {
  const leases = await findLiveLeasesOfSessions(trx, sessionIds);
  for (const lease of leases.filter((lease) => lease.borrowed_until !== null)) await attachLease(trx, lease.id, null);
  return releaseLeases(
    trx,
    leases.filter((lease) => lease.borrowed_until === null),
    { reason: 'session_ended', by: null, note: null, now },
  );
}
