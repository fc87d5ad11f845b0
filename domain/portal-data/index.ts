/** The customer data domain's public surface; other modules import from here. */
export { PortalDataReader, type ClientSummary, type RecordFilterInput } from './portal-data-reader.js';
export { viewerOf, canSeeKind, belongsTo, ownerFilterSets, KIND_ACCESS, type Viewer } from './viewer.js';
export {
  fieldMappingFor,
  DEFAULT_FIELD_MAPPING,
  RECORD_KINDS,
  type PortalFieldMapping,
  type RecordKind,
} from './field-mapping.js';
export type { ContractRecord, FileRef, InvoiceRecord, NoteRecord, OrderRecord, PortalRecord, RequestRecord } from './records.js';
export { documentIdOf, parseDocumentId, type DocumentRecord } from './documents.js';
export { DownloadLinks, type SignedLink, type VerifiedLink } from './download-links.js';
export { DOCUMENT_LINK_PURPOSE, DOCUMENT_LINK_TTL_MS, openDocument, signDocumentLink } from './document-downloads.js';
export { submitRequest, replyToRequest, exposedCategories } from './request-writer.js';
export { SubmissionQuota, REQUEST_SUBMISSION_RULE } from './submission-quota.js';
export { createPortalDataServices, type PortalDataServices } from './portal-data.services.js';
export { windowOf, cursorOf, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page, type PageWindow } from './paging.js';
