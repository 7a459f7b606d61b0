import type { AuditAction } from '../../../contract/audit-log.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { findOwnerSignInBefore, findSeededAssignments, findSeededPeople } from './demo-audit.repository.ts';

interface DemoAction {
  at: number;
  action: AuditAction;
  target: { type: string; id: string; label: string };
  before?: Record<string, unknown>;
  after: Record<string, unknown>;
}

/**
 * The audit trail the demo's owner would have left while building the organization: each person
 * added, each seat given or taken back, each deactivation with its reason — from where the owner
 * was signed in at the time. The demo's rows are inserted directly (six months in one go), so the
 * trail is written after them, in one transaction, oldest first.
 */
export async function seedDemoAuditHistory(
  deps: AppDeps,
  org: { id: string; ownerId: string; ownerEmail: string },
): Promise<number> {
  const db = deps.database.db;
  const [people, assignments] = await Promise.all([findSeededPeople(db, org.id), findSeededAssignments(db, org.id)]);
  const actions: DemoAction[] = [];
  for (const person of people) {
    if (person.id === org.ownerId) continue;
    const target = { type: 'user', id: person.id, label: person.email };
    actions.push({
      at: person.created_at,
      action: 'user.created',
      target,
      after: { email: person.email, name: person.name, role: person.role },
    });
    if (person.deactivated_at !== null) {
      actions.push({
        at: person.deactivated_at,
        action: 'user.deactivated',
        target,
        before: { status: 'active' },
        after: { status: 'deactivated', reason: person.deactivation_reason, note: person.deactivation_note },
      });
    }
  }
  for (const seat of assignments) {
    const target = { type: 'user', id: seat.user_id, label: seat.email };
    const fields = { subscriptionId: seat.subscription_id, product: seat.product };
    actions.push({ at: seat.assigned_at, action: 'seat.assigned', target, after: fields });
    // Seats freed by a deactivation belong to its row; the others were taken back by hand.
    if (seat.unassigned_at !== null && !seat.unassign_reason?.startsWith('deactivated')) {
      actions.push({ at: seat.unassigned_at, action: 'seat.unassigned', target, before: fields, after: {} });
    }
  }
  actions.sort((a, b) => a.at - b.at);

  const firstSignIn = await findOwnerSignInBefore(db, org.id, org.ownerId, deps.now());
  await db.transaction().execute(async (trx) => {
    for (const entry of actions) {
      const from = (await findOwnerSignInBefore(trx, org.id, org.ownerId, entry.at)) ?? firstSignIn;
      const actor: AuditActor = {
        type: 'user',
        userId: org.ownerId,
        email: org.ownerEmail,
        apiTokenId: null,
        ip: from?.ip ?? '203.0.113.10',
        userAgent: from?.user_agent ?? undefined,
      };
      await recordAudit(
        trx,
        actor,
        { orgId: org.id, action: entry.action, target: entry.target, before: entry.before, after: entry.after },
        entry.at,
      );
    }
  });
  return actions.length;
}
