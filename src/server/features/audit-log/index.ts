/** The public entry of audit-log: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */

export { type AuditActor, type AuditRecord, actorUserId, recordAudit } from './record-audit.ts';
export { recordExport } from './record-export.ts';
