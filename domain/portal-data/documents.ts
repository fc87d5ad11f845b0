import { RECORD_KINDS, type RecordKind } from './field-mapping.js';
import type { DocumentSourceRecord, FileRef } from './records.js';

/**
 * Documents are the files attached to a customer's records. A document id names the record and
 * the file together; it is not a secret (access is decided by loading the record for the viewer),
 * only opaque, so clients do not build ids themselves.
 */

export interface DocumentRecord extends FileRef {
  documentId: string;
  sourceKind: RecordKind;
  sourceId: string;
  /** The record's number (invoice number, contract number, …) when it has one. */
  sourceNumber: string | null;
}

export interface DocumentRef {
  kind: RecordKind;
  objectId: string;
  fileId: number;
}

export function documentIdOf(ref: DocumentRef): string {
  return Buffer.from(JSON.stringify([ref.kind, ref.objectId, ref.fileId]), 'utf8').toString('base64url');
}

/** Null for anything that is not a document id; callers answer NOT_FOUND, like for a foreign id. */
export function parseDocumentId(id: string): DocumentRef | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(id)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [kind, objectId, fileId] = value as [unknown, unknown, unknown];
    if (!RECORD_KINDS.includes(kind as RecordKind)) return null;
    if (typeof objectId !== 'string' || objectId === '' || objectId.length > 255) return null;
    if (typeof fileId !== 'number' || !Number.isSafeInteger(fileId) || fileId <= 0) return null;
    return { kind: kind as RecordKind, objectId, fileId };
  } catch {
    return null;
  }
}

/** Any portal record will do as the source: each has a kind, an id and a (nullable) number. */
export function documentOf(record: Omit<DocumentSourceRecord, 'files'>, file: FileRef): DocumentRecord {
  return {
    ...file,
    documentId: documentIdOf({ kind: record.kind, objectId: record.id, fileId: file.id }),
    sourceKind: record.kind,
    sourceId: record.id,
    sourceNumber: record.number,
  };
}

export interface DocumentFilterInput {
  search?: string | null;
  from?: Date | null;
  to?: Date | null;
  sources?: RecordKind[] | null;
}

export function matchesDocumentFilter(document: DocumentRecord, filter: DocumentFilterInput): boolean {
  const search = filter.search?.trim().toLowerCase();
  if (search && !document.name.toLowerCase().includes(search) && !(document.sourceNumber ?? '').toLowerCase().includes(search)) {
    return false;
  }
  if (filter.sources?.length && !filter.sources.includes(document.sourceKind)) return false;
  if (filter.from || filter.to) {
    if (!document.modifiedAt) return false;
    if (filter.from && document.modifiedAt < filter.from) return false;
    if (filter.to && document.modifiedAt > filter.to) return false;
  }
  return true;
}

/** Newest first; undated files last; then by id so pages never overlap. */
export function compareDocuments(a: DocumentRecord, b: DocumentRecord): number {
  const ta = a.modifiedAt?.getTime() ?? -Infinity;
  const tb = b.modifiedAt?.getTime() ?? -Infinity;
  if (ta !== tb) return tb - ta;
  return a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0;
}
