import type { AuditAction } from '../../../contract/audit-log.ts';
import type { Db } from '../../db/database.ts';
import { insertAuditRow } from './audit-log.repository.ts';

/**
 * Who acted. An owner in the console or through an API token (with the request's address and
 * browser), the operator at the CLI, or a scheduled job. Built at the edge: routes use
 * http/audit-actor.ts, the CLI and jobs name themselves.
 */
export type AuditActor =
  | {
      type: 'user';
      userId: string;
      email: string;
      apiTokenId: string | null;
      ip: string;
      userAgent: string | undefined;
    }
  | { type: 'operator' | 'system'; label: string };

export interface AuditRecord {
  orgId: string;
  action: AuditAction;
  target: { type: string; id: string | null; label?: string | null };
  /** The fields before and after; with both, only the fields that changed are kept. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * Records one action in the audit log. Call it inside the transaction that makes the change, so a
 * change without its row (or a row without its change) cannot exist.
 */
export async function recordAudit(trx: Db, actor: AuditActor, record: AuditRecord, now: number): Promise<void> {
  const { before, after } = changedFields(record.before ?? null, record.after ?? null);
  await insertAuditRow(trx, {
    org_id: record.orgId,
    occurred_at: now,
    actor_type: actor.type,
    actor_id: actor.type === 'user' ? actor.userId : null,
    actor_label: actor.type === 'user' ? actor.email : actor.label,
    api_token_id: actor.type === 'user' ? actor.apiTokenId : null,
    action: record.action,
    target_type: record.target.type,
    target_id: record.target.id,
    target_label: record.target.label ?? null,
    before: before ? JSON.stringify(before) : null,
    after: after ? JSON.stringify(after) : null,
    ip: actor.type === 'user' ? actor.ip : null,
    user_agent: actor.type === 'user' ? (actor.userAgent ?? null) : null,
  });
}

/** The acting user's id (what `created_by`/`assigned_by` columns keep), null for the operator and jobs. */
export function actorUserId(actor: AuditActor): string | null {
  return actor.type === 'user' ? actor.userId : null;
}

type Fields = Record<string, unknown> | null;

/** With both sides, the fields whose values differ (a rename shows the name, not the whole user). */
export function changedFields(before: Fields, after: Fields): { before: Fields; after: Fields } {
  if (!before || !after) return { before, after };
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of keys) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    if (key in before) changedBefore[key] = before[key];
    if (key in after) changedAfter[key] = after[key];
  }
  return { before: changedBefore, after: changedAfter };
}
