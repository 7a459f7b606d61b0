import type { AuditActor } from '../audit-log/index.ts';

/** The audit log's actor for what the operator does at the command line (no account, no address). */
export const OPERATOR_CLI: AuditActor = { type: 'operator', label: 'operator (CLI)' };
