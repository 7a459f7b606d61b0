/** The public entry of audit-log: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { type AuditActor, type AuditRecord, recordAudit } from './record-audit.ts';
