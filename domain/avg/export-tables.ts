import type { AuditEvent } from '../audit/index.js';
import type { ContractRecord, InvoiceRecord, OrderRecord, RequestRecord } from '../portal-data/records.js';
import type { SessionView } from './export-account-extras.js';
import type { CsvColumn, CsvValue } from './export-csv.js';
import type { InternalNote } from './export-collector.js';
import type { ExportedDocument } from './export-manifest.js';
import { statusWord, WORDS, type ColumnKey, type ExportLanguage } from './export-words.js';

/**
 * The tables of a data export, defined once: the overview page shows them and the csv/ folder
 * holds them, with the same columns and the same words (statuses in words, not codes). Ids stay
 * in, so a row can be found again in export.json.
 */

export interface TableColumn<T> {
  key: ColumnKey;
  value: (row: T, language: ExportLanguage) => CsvValue;
  /** On the overview page: a link inside the archive (a document next to the page), or null. */
  href?: (row: T) => string | null;
}

export interface RequestNoteRow {
  request: RequestRecord;
  internal: boolean;
  author: string | null;
  message: string;
  createdAt: Date | string | null;
}

type Transaction = InvoiceRecord | OrderRecord;

const transactionColumns = (kind: 'invoice' | 'order'): TableColumn<Transaction>[] => [
  { key: 'number', value: (r) => r.number },
  { key: 'date', value: (r) => r.date },
  { key: 'amount', value: (r) => r.amount },
  { key: 'currency', value: (r) => r.currency },
  { key: 'status', value: (r, l) => statusWord(l, kind, r.status) },
  { key: 'payment', value: (r, l) => statusWord(l, 'payment', r.paymentState) },
  { key: 'paymentMethod', value: (r) => r.paymentMethod },
  { key: 'reference', value: (r) => r.reference },
  { key: 'settledAt', value: (r) => r.settledAt },
  { key: 'id', value: (r) => r.id },
];

export const INVOICE_COLUMNS = transactionColumns('invoice');
export const ORDER_COLUMNS = transactionColumns('order');

export const CONTRACT_COLUMNS: TableColumn<ContractRecord>[] = [
  { key: 'number', value: (r) => r.number },
  { key: 'title', value: (r) => r.title },
  { key: 'status', value: (r, l) => statusWord(l, 'contract', r.status) },
  { key: 'startDate', value: (r) => r.startDate },
  { key: 'endDate', value: (r) => r.endDate },
  { key: 'value', value: (r) => r.value },
  { key: 'currency', value: (r) => r.currency },
  { key: 'billingInterval', value: (r) => r.billingInterval },
  { key: 'autoRenew', value: (r, l) => yesNo(l, r.autoRenew) },
  { key: 'noticePeriodDays', value: (r) => r.noticePeriodDays },
  { key: 'id', value: (r) => r.id },
];

export const REQUEST_COLUMNS: TableColumn<RequestRecord>[] = [
  { key: 'number', value: (r) => r.number },
  { key: 'date', value: (r) => r.date ?? r.createdAt },
  { key: 'subject', value: (r) => r.subject },
  { key: 'category', value: (r) => r.category },
  { key: 'status', value: (r, l) => statusWord(l, 'request', r.status) },
  { key: 'priority', value: (r) => r.priority },
  { key: 'body', value: (r) => r.body },
  { key: 'id', value: (r) => r.id },
];

export const REQUEST_NOTE_COLUMNS: TableColumn<RequestNoteRow>[] = [
  { key: 'request', value: (n) => n.request.number ?? n.request.id },
  { key: 'date', value: (n) => n.createdAt },
  { key: 'visibility', value: (n, l) => (n.internal ? WORDS[l].internal : WORDS[l].visibleToYou) },
  { key: 'author', value: (n) => n.author },
  { key: 'message', value: (n) => n.message },
];

export const DOCUMENT_COLUMNS: TableColumn<ExportedDocument>[] = [
  { key: 'name', value: (d) => d.name },
  { key: 'source', value: (d) => `${d.source} ${d.sourceNumber ?? d.sourceId}` },
  { key: 'file', value: (d) => d.path, href: (d) => (d.included ? d.path : null) },
  { key: 'included', value: (d, l) => yesNo(l, d.included) },
  { key: 'size', value: (d) => d.size },
];

export const SESSION_COLUMNS: TableColumn<SessionView>[] = [
  { key: 'kind', value: (s, l) => statusWord(l, 'session', s.kind) },
  { key: 'startedAt', value: (s) => s.createdAt },
  { key: 'lastSeenAt', value: (s) => s.lastSeenAt },
  { key: 'expiresAt', value: (s) => s.expiresAt },
  { key: 'revokedAt', value: (s) => s.revokedAt },
  { key: 'revokedReason', value: (s) => s.revokedReason },
];

export const AUDIT_COLUMNS: TableColumn<AuditEvent>[] = [
  { key: 'seq', value: (e) => e.seq },
  { key: 'occurredAt', value: (e) => e.occurredAt },
  { key: 'type', value: (e) => e.type },
  { key: 'outcome', value: (e, l) => statusWord(l, 'outcome', e.outcome) },
  { key: 'actor', value: (e) => e.actor },
  { key: 'target', value: (e) => (e.targetType ? `${e.targetType} ${e.targetId ?? ''}`.trim() : null) },
  { key: 'details', value: (e) => (Object.keys(e.details).length ? JSON.stringify(e.details) : null) },
];

function yesNo(language: ExportLanguage, value: boolean | null): string | null {
  if (value === null) return null;
  return value ? WORDS[language].yes : WORDS[language].no;
}

/** One request's notes, customer-visible ones and (unless excluded) the internal ones, oldest first. */
export function notesOf(request: RequestRecord, internal: InternalNote[] | undefined): RequestNoteRow[] {
  const rows: RequestNoteRow[] = [
    ...request.notes.map((n) => ({ request, internal: false, author: n.author, message: n.message, createdAt: n.createdAt })),
    ...(internal ?? []).map((n) => ({ request, internal: true, author: n.author, message: n.message, createdAt: n.createdAt })),
  ];
  return rows.sort((a, b) => timeOf(a.createdAt) - timeOf(b.createdAt));
}

function timeOf(value: Date | string | null): number {
  if (!value) return 0;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? 0 : time;
}

/** The table's columns as CSV columns with headers in the reader's language. */
export function csvColumns<T>(columns: TableColumn<T>[], language: ExportLanguage): CsvColumn<T>[] {
  return columns.map((column) => ({ header: headerOf(column.key, language), value: (row) => column.value(row, language) }));
}

export function headerOf(key: ColumnKey, language: ExportLanguage): string {
  return WORDS[language].columns[key];
}
