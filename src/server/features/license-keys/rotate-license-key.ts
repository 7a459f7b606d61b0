import type { Db } from '../../db/database.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { rotateSigningKey } from './signing-keys.ts';

/**
 * An owner (or the operator) rotates the organization's lease-signing key: one transaction, the
 * rotation and its audit row. Leases already borrowed keep their files; new borrowings use the new key.
 */
export async function rotateLicenseKey(db: Db, input: { orgId: string; actor: AuditActor; now: number }) {
  return db.transaction().execute(async (trx) => {
    const rotated = await rotateSigningKey(trx, input.orgId, input.now);
    await recordAudit(
      trx,
      input.actor,
      {
        orgId: input.orgId,
        action: 'license_key.rotated',
        target: { type: 'license_key', id: rotated.kid },
        before: { activeKeys: rotated.retired },
        after: { activeKeys: [rotated.kid] },
      },
      input.now,
    );
    return rotated;
  });
}
