import type { AlertStatus } from '../../../contract/security.ts';
import type { Db } from '../../db/database.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { type AuditActor, actorUserId, recordAudit } from '../audit-log/index.ts';
import { findAlertById, insertAlertStatusChange, updateAlertStatus } from './alerts.repository.ts';
import { getAlertDetail } from './get-alert-detail.ts';

/**
 * An owner moves an alert to `to` (open → acknowledged → resolved, or back), with a note kept
 * in its history. Asking for the status it already has answers 409 `alert-status-unchanged`
 * (two owners resolving at once: the second learns the first did). Answers the alert's detail.
 */
export async function changeAlertStatus(
  db: Db,
  input: { orgId: string; id: string; to: AlertStatus; note: string | null; actor: AuditActor; now: number },
) {
  const actorId = actorUserId(input.actor);
  await db.transaction().execute(async (trx) => {
    const alert = await findAlertById(trx, input.orgId, input.id);
    if (!alert) throw notFound('Alert');
    if (alert.status === input.to) throw unchanged(input.to);
    const moved = await updateAlertStatus(trx, {
      orgId: input.orgId,
      id: input.id,
      from: alert.status,
      to: input.to,
      actorId,
      note: input.note,
      now: input.now,
    });
    // Another owner changed it between the read and the update: theirs stands.
    if (!moved) throw unchanged(input.to);
    await insertAlertStatusChange(trx, {
      org_id: input.orgId,
      alert_id: input.id,
      from_status: alert.status,
      to_status: input.to,
      actor_user_id: actorId,
      note: input.note,
      changed_at: input.now,
    });
    await recordAudit(
      trx,
      input.actor,
      {
        orgId: input.orgId,
        action: 'alert.status_changed',
        target: { type: 'alert', id: input.id, label: alert.summary },
        before: { status: alert.status },
        after: { status: input.to, ...(input.note === null ? {} : { note: input.note }) },
      },
      input.now,
    );
  });
  return getAlertDetail(db, input.orgId, input.id);
}

function unchanged(status: AlertStatus): AppError {
  return new AppError(
    409,
    'alert-status-unchanged',
    'Alert status unchanged',
    `The alert is already ${status} or was just changed by someone else; reload it.`,
  );
}
