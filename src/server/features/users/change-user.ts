import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { lockOrganization } from '../organizations/index.ts';
import { assertOwnerRemains, requireUser } from './user-guards.ts';
import { toUser, updateUser } from './users.repository.ts';

/** Renames a user or changes their role, under the last-owner rule. */
export async function changeUser(
  deps: AppDeps,
  orgId: string,
  userId: string,
  patch: { name?: string | undefined; role?: Role | undefined },
  actor: AuditActor,
) {
  return deps.database.db.transaction().execute((trx) => applyUserChange(trx, orgId, userId, patch, actor, deps.now()));
}

/** The change itself, inside the caller's transaction (also the operator's `set-role`). */
export async function applyUserChange(
  trx: Db,
  orgId: string,
  userId: string,
  patch: { name?: string | undefined; role?: Role | undefined },
  actor: AuditActor,
  now: number,
) {
  await lockOrganization(trx, orgId);
  const user = await requireUser(trx, orgId, userId);
  if (patch.role === 'member') await assertOwnerRemains(trx, orgId, user);
  const changes = { name: patch.name?.trim() ?? user.name, role: patch.role ?? user.role, updated_at: now };
  await updateUser(trx, orgId, userId, changes);
  // A PATCH that changes nothing (same name, same role) changed nothing to record.
  if (changes.name !== user.name || changes.role !== user.role) {
    await recordAudit(
      trx,
      actor,
      {
        orgId,
        action: 'user.changed',
        target: { type: 'user', id: userId, label: user.email },
        before: { name: user.name, role: user.role },
        after: { name: changes.name, role: changes.role },
      },
      now,
    );
  }
  return toUser({ ...user, ...changes });
}
