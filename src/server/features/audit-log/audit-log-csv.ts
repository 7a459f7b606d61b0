import { AUDIT_ACTIONS, type AuditAction } from '../../../contract/audit-log.ts';
import type { CsvColumn } from '../../lib/csv.ts';
import type { AuditItem } from './audit-log.types.ts';

/**
 * The audit log's export columns (docs/audit-log.md): the JSON's fields flattened; before/after as
 * JSON objects of the changed fields. `local` adds a column in the viewer's zone.
 */
export function auditCsvColumns(local?: { timeZone: string; format: (iso: string) => string }): CsvColumn<AuditItem>[] {
  return [
    { header: 'time_utc', value: (item) => item.occurredAt },
    ...(local
      ? [{ header: `time_local (${local.timeZone})`, value: (item: AuditItem) => local.format(item.occurredAt) }]
      : []),
    { header: 'id', value: (item) => item.id },
    { header: 'actor_type', value: (item) => item.actor.type },
    { header: 'actor_id', value: (item) => item.actor.id },
    { header: 'actor', value: (item) => item.actor.label },
    { header: 'api_token_id', value: (item) => item.actor.apiToken?.id },
    { header: 'api_token_name', value: (item) => item.actor.apiToken?.name },
    { header: 'action', value: (item) => item.action },
    { header: 'action_label', value: (item) => AUDIT_ACTIONS[item.action as AuditAction] ?? item.action },
    { header: 'target_type', value: (item) => item.target.type },
    { header: 'target_id', value: (item) => item.target.id },
    { header: 'target', value: (item) => item.target.label },
    { header: 'before', value: (item) => (item.before ? JSON.stringify(item.before) : null) },
    { header: 'after', value: (item) => (item.after ? JSON.stringify(item.after) : null) },
    { header: 'ip', value: (item) => item.ip },
    { header: 'device', value: (item) => item.device },
    { header: 'user_agent', value: (item) => item.userAgent },
  ];
}
