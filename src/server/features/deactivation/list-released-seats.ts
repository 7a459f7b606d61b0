import type { ReleasedSeat } from '../../../contract/users.ts';
import type { Db } from '../../db/database.ts';
import { toIso } from '../../lib/time.ts';
import { requireUser } from '../users/index.ts';
import { findReleasedSeats } from './released-seats.repository.ts';

/** The seats a deactivated user's deactivation freed, with whether each could come back now (404: no such user). */
export async function listReleasedSeats(db: Db, orgId: string, userId: string, now: number): Promise<ReleasedSeat[]> {
  await requireUser(db, orgId, userId);
  const rows = await findReleasedSeats(db, orgId, userId);
  return rows.map((row) => ({
    subscriptionId: row.subscription_id,
    product: { key: row.key, name: row.name },
    releasedAt: toIso(row.released_at),
    seatsAvailable: Math.max(0, row.seats - row.assigned),
    expired: row.expires_at <= now,
  }));
}
