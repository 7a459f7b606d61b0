import type { EndedSessions } from '../../../contract/user-sessions.ts';
import type { AppDeps } from '../../app-deps.ts';
import type { AppSessionEndReason } from '../../db/schema.ts';
import { notFound } from '../../lib/app-error.ts';
import { closeSessionsOfUser } from '../app-sessions/index.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { deleteSessionOfUser, deleteSessionsOfUser, SESSION_IDLE_MS } from '../auth/index.ts';
import { lockOrganization } from '../organizations/index.ts';
import { requireUser } from '../users/index.ts';
import { consoleSessionId, parseSessionId } from './session-ids.ts';
import { findLiveConsoleSessionHashes } from './user-sessions.repository.ts';

export interface EndSessionsInput {
  orgId: string;
  /** Whose sessions. */
  userId: string;
  /**
   * An owner acting on a user's sessions (/users/{id}/sessions): audited, and app sessions end as
   * ended_by_owner. Null: users ending their own (/me/sessions), not audited, ended_by_user.
   */
  actor: AuditActor | null;
}

/**
 * Ends one session of a user: a console session's row is deleted (its cookie answers 401 from the
 * next request), an app session is closed with its last stretch of use counted (its next heartbeat
 * answers 401 session-revoked). 404 for a user of another organization or a session that is not
 * live. One transaction, the organization locked first so concurrent ends take turns (PostgreSQL).
 */
export async function endUserSession(deps: AppDeps, input: EndSessionsInput & { sessionId: string }): Promise<void> {
  const parsed = parseSessionId(input.sessionId);
  await deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    await lockOrganization(trx, input.orgId);
    const user = await requireUser(trx, input.orgId, input.userId);
    if (!parsed) throw notFound('Session');
    if (parsed.kind === 'console') {
      // Console sessions are addressed by a hash of their hash: find it among the user's live ones.
      const hashes = await findLiveConsoleSessionHashes(trx, input.orgId, user.id, { now, idleMs: SESSION_IDLE_MS });
      const idHash = hashes.find((hash) => consoleSessionId(hash) === parsed.publicId);
      if (!idHash || !(await deleteSessionOfUser(trx, input.orgId, user.id, idHash))) throw notFound('Session');
    } else {
      const closed = await closeSessionsOfUser(trx, {
        orgId: input.orgId,
        userId: user.id,
        sessionId: parsed.id,
        reason: endReason(input.actor),
        now,
      });
      if (closed === 0) throw notFound('Session');
    }
    if (input.actor) {
      await recordAudit(
        trx,
        input.actor,
        {
          orgId: input.orgId,
          action: 'session.ended',
          target: { type: 'user', id: user.id, label: user.email },
          after: { sessionId: input.sessionId, kind: parsed.kind },
        },
        now,
      );
    }
  });
}

/**
 * Ends every console and app session of a user, except `keepIdHash` (the asking browser, when users
 * end "all" of their own sessions: ending it would sign them out of the page they clicked in). Safe
 * to repeat and to run in parallel: a second call finds nothing left and answers 0.
 */
export async function endAllUserSessions(
  deps: AppDeps,
  input: EndSessionsInput & { keepIdHash?: string | undefined },
): Promise<EndedSessions> {
  return deps.database.db.transaction().execute(async (trx) => {
    const now = deps.now();
    await lockOrganization(trx, input.orgId);
    const user = await requireUser(trx, input.orgId, input.userId);
    const consoleEnded = await deleteSessionsOfUser(trx, input.orgId, user.id, { except: input.keepIdHash });
    // Every open app session, also one silent for a while that the sweeper has not closed yet.
    const appEnded = await closeSessionsOfUser(trx, {
      orgId: input.orgId,
      userId: user.id,
      reason: endReason(input.actor),
      now,
    });
    const result = { ended: consoleEnded + appEnded, kinds: { console: consoleEnded, app: appEnded } };
    if (input.actor) {
      await recordAudit(
        trx,
        input.actor,
        {
          orgId: input.orgId,
          action: 'sessions.ended',
          target: { type: 'user', id: user.id, label: user.email },
          after: result,
        },
        now,
      );
    }
    return result;
  });
}

function endReason(actor: AuditActor | null): AppSessionEndReason {
  return actor ? 'ended_by_owner' : 'ended_by_user';
}
