import type { AuditAction } from '../../../contract/audit-log.ts';
import type { Db } from '../../db/database.ts';
import { toIso } from '../../lib/time.ts';
import { parseUserAgent } from '../device/index.ts';
import { type AuditRecordRow, findAuditRows } from './audit-log.repository.ts';
import type { AuditFilters, AuditItem, AuditPosition } from './audit-log.types.ts';

/** Rows a CSV export reads at a time: memory stays flat however long the log. */
const EXPORT_BATCH = 1000;

/**
 * One page of the organization's audit log, newest first. One row more than the page is read to
 * know whether another page follows; `next` is the position of the page's last row.
 */
export async function listAuditLog(
  db: Db,
  orgId: string,
  filters: AuditFilters,
  page: { after?: AuditPosition | undefined; limit: number },
): Promise<{ items: AuditItem[]; next: AuditPosition | null }> {
  const rows = await findAuditRows(db, orgId, filters, page.after, page.limit + 1);
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    items: shown.map(toAuditItem),
    next: rows.length > page.limit && last ? { at: Number(last.occurred_at), id: Number(last.id) } : null,
  };
}

/** Every matching row, newest first, batch by batch along the same keyset as the pages. */
export async function* iterateAuditLog(db: Db, orgId: string, filters: AuditFilters): AsyncGenerator<AuditItem> {
  let after: AuditPosition | undefined;
  do {
    const page = await listAuditLog(db, orgId, filters, { after, limit: EXPORT_BATCH });
    yield* page.items;
    after = page.next ?? undefined;
  } while (after);
}

function toAuditItem(row: AuditRecordRow): AuditItem {
  return {
    id: String(row.id),
    occurredAt: toIso(Number(row.occurred_at)),
    actor: {
      type: row.actor_type,
      id: row.actor_id,
      label: row.actor_label,
      apiToken: row.api_token_id ? { id: row.api_token_id, name: row.api_token_name } : null,
    },
    action: row.action as AuditAction,
    target: { type: row.target_type, id: row.target_id, label: row.target_label },
    before: parseFields(row.before),
    after: parseFields(row.after),
    ip: row.ip,
    userAgent: row.user_agent,
    device: describeDevice(row.user_agent),
  };
}

function parseFields(json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  const parsed: unknown = JSON.parse(json);
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
}

/** "Firefox 120 on Windows 10", "curl 8.4", or null without an agent: enough to tell a browser from a script. */
export function describeDevice(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const device = parseUserAgent(userAgent);
  const browser = [device.browser, device.browserVersion?.split('.')[0]].filter(Boolean).join(' ');
  const os = [device.os, device.osVersion].filter(Boolean).join(' ');
  if (browser && os) return `${browser} on ${os}`;
  return browser || os || userAgent.slice(0, 60);
}
