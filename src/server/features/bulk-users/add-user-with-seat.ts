import type { Role } from '../../../contract/auth.ts';
import type { AppDeps } from '../../app-deps.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { type AuditActor, actorUserId } from '../audit-log/index.ts';
import { emailTaken, findUserByEmail, insertNewUser, recordUserCreated } from '../users/index.ts';
import { giveSeatToNewUser } from './give-seat.ts';

/**
 * Adds a user with their invitation and a seat of the subscription, in one transaction: when the seat
 * cannot be given (no free seat, subscription ended or unknown), no user is created either.
 */
export async function addUserWithSeat(
  deps: AppDeps,
  orgId: string,
  actor: AuditActor,
  input: { email: string; name: string; role?: Role | undefined; subscriptionId: string },
) {
  const db = deps.database.db;
  const actorId = actorUserId(actor);
  const email = input.email.trim();
  if (await findUserByEmail(db, email)) throw emailTaken();
  try {
    return await db.transaction().execute(async (trx) => {
      const created = await insertNewUser(trx, deps, orgId, actorId, { ...input, email });
      const seat = await giveSeatToNewUser(trx, {
        orgId,
        subscriptionId: input.subscriptionId,
        userId: created.row.id,
        actorId,
        now: deps.now(),
      });
      await recordUserCreated(trx, actor, orgId, created.user, input.subscriptionId, deps.now());
      return { user: created.user, invitation: created.invitation, seat };
    });
  } catch (error) {
    // Two owners adding the same email at once: the unique index decides, the loser gets the same 409.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
