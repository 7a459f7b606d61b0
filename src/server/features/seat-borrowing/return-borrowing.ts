import type { Borrowing } from '../../../contract/leases.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { closeSessionsOfUser, lockAppSession } from '../app-sessions/index.ts';
import { releaseLeases } from '../seat-leases/index.ts';
import { readLeaseFile } from './lease-file.ts';
import { findLease } from './seat-borrowing.repository.ts';

const leaseNotLive = (detail: string) => new AppError(410, 'lease-not-live', 'Lease no longer borrowed', detail);

/**
 * The app gives its borrowed seat back early (issue 14), authenticated by the lease file itself. One
 * transaction: the lease released as `returned` (counts, hourly seats in use, `lease.returned` webhook),
 * and the app session still attached to it, if any, ended: its seat is gone.
 */
export async function returnBorrowing(deps: AppDeps, leaseFile: string): Promise<void> {
  const { orgId, claims } = await readLeaseFile(deps.database.db, leaseFile);
  await deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    if (claims.exp * 1000 <= now) throw leaseNotLive('This lease file has expired: the seat is back in the pool.');
    const lease = await findLease(trx, orgId, Number(claims.jti));
    if (!lease || lease.released_at !== null || lease.borrowed_until === null || lease.borrowed_until <= now) {
      throw leaseNotLive('This lease was already returned, released or expired.');
    }
    // The session's row before the lease's: the order the sweeper and heartbeats take them in.
    if (lease.app_session_id !== null) await lockAppSession(trx, lease.app_session_id);
    await releaseLeases(trx, [lease], { reason: 'returned', by: lease.user_id, note: null, now });
    if (lease.app_session_id !== null) {
      await closeSessionsOfUser(trx, {
        orgId,
        userId: lease.user_id,
        sessionId: lease.app_session_id,
        reason: 'returned',
        now,
      });
    }
  });
}

/**
 * What became of a borrowing, for an app that comes back online with its lease file (an owner may have
 * force-released it meanwhile). Expired files are answered too: their signature is what counts here.
 */
export async function readBorrowing(deps: AppDeps, leaseFile: string): Promise<Borrowing> {
  const { orgId, claims } = await readLeaseFile(deps.database.db, leaseFile);
  const lease = await findLease(deps.database.db, orgId, Number(claims.jti));
  if (!lease) throw leaseNotLive('This lease is no longer known.');
  const now = deps.now();
  const borrowedUntil = lease.borrowed_until ?? claims.exp * 1000;
  return {
    leaseId: String(lease.id),
    state:
      lease.released_at === null
        ? borrowedUntil > now
          ? 'borrowed'
          : 'expired'
        : lease.release_reason === 'returned'
          ? 'returned'
          : lease.release_reason === 'borrow_expired'
            ? 'expired'
            : 'released',
    borrowedUntil: toIso(borrowedUntil),
    releasedAt: toIso(lease.released_at),
    releaseNote: lease.release_note,
  };
}
