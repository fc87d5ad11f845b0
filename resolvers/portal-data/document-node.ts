import type { DocumentRecord } from '../../domain/portal-data/documents.js';
import type { RecordKind } from '../../domain/portal-data/field-mapping.js';
import { DocumentSource, type Document } from '../../schema/portal-data/document.type.js';

const SOURCES: Record<RecordKind, DocumentSource> = {
  invoice: DocumentSource.INVOICE,
  order: DocumentSource.ORDER,
  contract: DocumentSource.CONTRACT,
  request: DocumentSource.REQUEST,
};

export const kindOfSource = (source: DocumentSource): RecordKind =>
  (Object.keys(SOURCES) as RecordKind[]).find((kind) => SOURCES[kind] === source)!;

export function documentNode(record: DocumentRecord): Document {
  return {
    id: record.documentId,
    name: record.name,
    mimeType: record.mimeType,
    size: record.size,
    modifiedAt: record.modifiedAt,
    source: SOURCES[record.sourceKind],
    sourceId: record.sourceId,
    sourceNumber: record.sourceNumber,
  };
}
