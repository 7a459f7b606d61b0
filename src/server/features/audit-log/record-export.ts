import type { Db } from '../../db/database.ts';
import { type AuditActor, recordAudit } from './record-audit.ts';

/**
 * Records an owner's download (`export.downloaded`) before its file is streamed: a GET export has
 * no change to share a transaction with, and a stream that fails half-way still shows the attempt.
 * `filters` are the query that chose the rows (undefined values dropped), so the log says what left.
 */
export async function recordExport(
  db: Db,
  actor: AuditActor,
  exported: { orgId: string; name: string; label: string; filters: Record<string, unknown> },
  now: number,
): Promise<void> {
  const filters = Object.fromEntries(Object.entries(exported.filters).filter(([, value]) => value !== undefined));
  await recordAudit(
    db,
    actor,
    {
      orgId: exported.orgId,
      action: 'export.downloaded',
      target: { type: 'export', id: exported.name, label: exported.label },
      after: filters,
    },
    now,
  );
}
