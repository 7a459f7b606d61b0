import type { AuditEntry } from '../../../contract/audit-log.ts';

/** The API shape of one audit row (contract: AuditEntry). */
export type AuditItem = AuditEntry;

export interface AuditFilters {
  /** The acting user's id. */
  actorId?: string | undefined;
  action?: string | undefined;
  /** The id of what was acted on. */
  targetId?: string | undefined;
  /** Inclusive lower bound, epoch ms. */
  from?: number | undefined;
  /** Exclusive upper bound, epoch ms. */
  to?: number | undefined;
}

/** Position in the newest-first log: (occurred_at, id) descending; a page starts strictly after it. */
export interface AuditPosition {
  at: number;
  id: number;
}
