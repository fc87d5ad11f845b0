/** The GDPR (AVG) domain's public surface: data exports, account closure, retention cleanup. */
export {
  createAvgServices,
  createRetentionService,
  type AvgServices,
  type AvgServicesDeps,
  type RetentionDeps,
} from './avg-services.js';
export { ExportService, EXPORTS_PER_DAY, type DataExportView, type ExportQueue, type OpenedExport } from './export.service.js';
export { ExportRunner, ExportRetryError, MAX_EXPORT_ATTEMPTS, type ExportStep } from './export-runner.js';
export { EXPORT_LINK_PURPOSE, EXPORT_TTL_MS, ExportLinks, isExportLinkBody, type ExportLinkBody } from './export-links.js';
export { EXPORT_STATUSES, type ExportStatus } from './export.model.js';
export { ClosureService, CLOSURE_TTL_MS } from './closure.service.js';
export {
  RetentionService,
  type CleanupAccountResult,
  type CleanupActor,
  type CleanupOptions,
  type CleanupOutcome,
  type CleanupReport,
} from './retention.service.js';
export {
  decideRetention,
  retentionEnd,
  RETENTION_YEARS,
  type RetentionBasis,
  type RetentionRule,
  type RetentionFacts,
  type RetentionDecision,
} from './retention-policy.js';
export { isPseudonymised, pseudonymisedEmail, canUseExport } from './account-state.js';
export { cleanupDetailLines } from './cleanup-lines.js';
export { KEPT_BY_ADMINISTRATION, type KeptRecord } from './kept-records.js';
export type { PortalTextResult } from './portal-text.js';
export { dayIn, startOfDayIn } from './zoned-dates.js';
