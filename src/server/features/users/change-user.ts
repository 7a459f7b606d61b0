import type { AppDeps } from '../../app-deps.ts';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { lockOrganization } from '../organizations/index.ts';
import { assertOwnerRemains, requireUser } from './user-guards.ts';
import { toUser, updateUser } from './users.repository.ts';

/** Renames a user or changes their role, under the last-owner rule. */
export async function changeUser(
  deps: AppDeps,
  orgId: string,
  userId: string,
  patch: { name?: string | undefined; role?: Role | undefined },
) {
  return deps.database.db.transaction().execute((trx) => applyUserChange(trx, orgId, userId, patch, deps.now()));
}

/** The change itself, inside the caller's transaction (also the operator's `set-role`). */
export async function applyUserChange(
  trx: Db,
  orgId: string,
  userId: string,
  patch: { name?: string | undefined; role?: Role | undefined },
  now: number,
) {
  await lockOrganization(trx, orgId);
  const user = await requireUser(trx, orgId, userId);
  if (patch.role === 'member') await assertOwnerRemains(trx, orgId, user);
  const changes = { name: patch.name?.trim() ?? user.name, role: patch.role ?? user.role, updated_at: now };
  await updateUser(trx, orgId, userId, changes);
  return toUser({ ...user, ...changes });
}
