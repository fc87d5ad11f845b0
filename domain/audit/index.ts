/** The audit trail's public surface; other modules import from here, not from the files behind it. */
export * from './audit.types.js';
export { AuditService, AuditOrderError, auditClientHashKey, toAuditEvent, type AuditServiceOptions } from './audit.service.js';
export { audited, recordDenied, type AuditWriter } from './audited.js';
export { parseAuditFilter, pageSizeOf, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type AuditFilterInput } from './audit.filter.js';
export {
  exportAuditEvents,
  toCsv,
  toNdjson,
  csvCell,
  CSV_COLUMNS,
  type AuditExport,
  type AuditExportFormat,
  type AuditExportRequest,
} from './audit.export.js';
export { verifyAuditChain, runAuditVerifyCommand } from './audit.verify.js';
export { cursorOf, decodePublicId, publicIdOf } from './audit.ids.js';
export { auditEventModel, AuditTrailIsAppendOnlyError, AUDIT_COLLECTION } from './audit.model.js';
export { AuditBusyError, AuditWriteConflictError } from './audit.busy-error.js';
export { AUDIT_LEASE_COLLECTION } from './audit.lease.js';
