import type { AppDeps } from '../../app-deps.ts';
import { notFound } from '../../lib/app-error.ts';
import { type AuditActor, recordAudit } from '../audit-log/index.ts';
import { findApiToken, markApiTokenRevoked } from './api-tokens.repository.ts';

/**
 * Revokes a token of the organization (any owner may revoke any of its tokens) and records it, in
 * one transaction. Revoking a revoked token changes nothing and records nothing: DELETE is
 * idempotent, so a retried request answers as the first did. Another organization's id: 404.
 */
export async function revokeApiToken(
  deps: AppDeps,
  actor: AuditActor & { type: 'user' },
  input: { orgId: string; id: string },
): Promise<void> {
  const now = deps.now();
  await deps.database.db.transaction().execute(async (trx) => {
    const row = await findApiToken(trx, input.orgId, input.id);
    if (!row) throw notFound('API token');
    // The conditional update decides, so of two concurrent revocations only one is recorded.
    if (!(await markApiTokenRevoked(trx, input.orgId, input.id, { now, revokedBy: actor.userId }))) return;
    await recordAudit(
      trx,
      actor,
      {
        orgId: input.orgId,
        action: 'api_token.revoked',
        target: { type: 'api_token', id: row.id, label: row.name },
        before: { name: row.name, scope: row.scope },
      },
      now,
    );
  });
}
