import type { BulkDeactivateResult } from '../../../contract/bulk-users.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { AuditActor } from '../audit-log/index.ts';
import { applyDeactivation, type Deactivation, deactivationNote } from '../deactivation/index.ts';
import { lockOrganization } from '../organizations/index.ts';
import { assertOwnersRemain } from '../users/index.ts';
import { requireUsers } from './require-users.ts';

/**
 * Deactivates every named user with one reason, in one transaction: each is signed out everywhere and,
 * with releaseSeats, their seats are freed (and remembered for reactivation). A batch that holds every
 * owner who can sign in is refused whole (409 last-owner, naming them); users already deactivated are
 * left as they were and reported.
 */
export async function deactivateInBulk(
  deps: AppDeps,
  orgId: string,
  actor: AuditActor,
  input: Deactivation & { userIds: readonly string[] },
): Promise<BulkDeactivateResult> {
  const note = deactivationNote(input);
  return deps.database.db.transaction().execute(async (trx) => {
    await lockOrganization(trx, orgId);
    const users = await requireUsers(trx, orgId, input.userIds);
    const active = users.filter((user) => user.status === 'active');
    await assertOwnersRemain(trx, orgId, active);
    const now = deps.now();
    let seatsReleased = 0;
    for (const user of active) {
      const done = await applyDeactivation(trx, { orgId, user, actor, input, note, now });
      seatsReleased += done.seatsReleased;
    }
    return {
      deactivated: active.map((user) => user.id),
      alreadyDeactivated: users.filter((user) => user.status !== 'active').map((user) => user.id),
      seatsReleased,
    };
  });
}
