import type { AppDeps } from '../../app-deps.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { toIso } from '../../lib/time.ts';
import { closeSessionsOfUser, lockAppSession } from '../app-sessions/index.ts';
import { type AuditActor, actorUserId, recordAudit } from '../audit-log/index.ts';
import { findLiveLease, releaseLeases } from '../seat-leases/index.ts';
import { findSubscription } from '../subscriptions/index.ts';
import { findUserById } from '../users/index.ts';

export const leaseNotFound = () =>
  new AppError(404, 'lease-not-found', 'Lease not found', 'This seat is not held any more: it was released already.');

/**
 * An owner frees a seat a device holds (online or borrowed), with a reason, in one transaction: the lease
 * released (counts, the hour's seats in use, the `lease.released` webhook), the app session using it ended
 * (`lease_released`: its next heartbeat answers 403 lease-released with the reason) and the action audited.
 * However many owners click at once, one call frees it and the others answer 404 lease-not-found: the
 * conditional release decides, and a loser's transaction rolls back before it wrote anything.
 */
export async function forceReleaseLease(
  deps: AppDeps,
  actor: AuditActor,
  input: { orgId: string; subscriptionId: string; leaseId: number; reason: string },
): Promise<void> {
  const note = input.reason.trim();
  // The reason is shown to the holder and kept in the audit log: blanks say nothing.
  if (!note) throw new AppError(400, 'invalid-request', 'Reason required', 'Say why the seat is released.');
  await deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const subscription = await findSubscription(trx, input.orgId, input.subscriptionId);
    if (!subscription) throw notFound('Subscription');
    const lease = await findLiveLease(trx, input.orgId, input.subscriptionId, input.leaseId);
    if (!lease) throw leaseNotFound();
    // The session's row before the lease's: the order the sweeper and heartbeats take them in.
    if (lease.app_session_id !== null) await lockAppSession(trx, Number(lease.app_session_id));
    const freed = await releaseLeases(trx, [{ ...lease, id: Number(lease.id) }], {
      reason: 'force_released',
      by: actorUserId(actor),
      note,
      now,
    });
    if (freed === 0) throw leaseNotFound();
    if (lease.app_session_id !== null) {
      await closeSessionsOfUser(trx, {
        orgId: input.orgId,
        userId: lease.user_id,
        sessionId: Number(lease.app_session_id),
        reason: 'lease_released',
        now,
      });
    }
    const user = await findUserById(trx, input.orgId, lease.user_id);
    const borrowed = lease.borrowed_until !== null;
    // Nested under one key so the audit keeps the whole lease on both sides (it drops equal top-level fields).
    const seat = {
      leaseId: String(lease.id),
      subscriptionId: subscription.id,
      product: subscription.product_name,
      device: lease.device_name ?? lease.device_id,
    };
    await recordAudit(
      trx,
      actor,
      {
        orgId: input.orgId,
        action: 'lease.force_released',
        target: { type: 'user', id: lease.user_id, label: user?.email ?? null },
        before: {
          lease: {
            ...seat,
            state: borrowed ? 'borrowed' : 'online',
            ...(borrowed ? { borrowedUntil: toIso(Number(lease.borrowed_until)) } : {}),
          },
        },
        after: { lease: { ...seat, state: 'released', reason: note } },
      },
      now,
    );
  });
}
