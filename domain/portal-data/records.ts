import type { NcFile, NcObject } from '../../nextcloud/types.js';
import type { PortalFieldMapping, RecordKind } from './field-mapping.js';
import { bool, date, list, num, parseDate, referenceOf, text } from './record-values.js';
import { displayNoteAuthor } from './note-author.js';

/**
 * The portal's records as resolvers see them: Pipelinq objects reduced to the fields a customer
 * may see, named the portal's way. Internal request notes are dropped here, at the only place
 * that turns an upstream request into something that can leave the gateway.
 */

export interface FileRef {
  id: number;
  name: string;
  mimeType: string | null;
  size: number | null;
  modifiedAt: Date | null;
  labels: string[];
}

interface RecordBase<K extends RecordKind> {
  kind: K;
  id: string;
  createdAt: Date | null;
  /** The attached files, or null when the row was fetched without them (ask the loader). */
  files: FileRef[] | null;
}

export interface LineRecord {
  description: string | null;
  quantity: number | null;
  unitPrice: number | null;
  total: number | null;
}

export interface TaxLineRecord {
  /** The VAT percentage, e.g. 21. */
  rate: number | null;
  base: number | null;
  amount: number;
}

/**
 * Where the customer stands with a transaction's payment, in words a customer understands, from
 * Pipelinq's transaction `status` and `paymentStatus` (reference pipelinq-schemas).
 */
export type PaymentState = 'OPEN' | 'PAID' | 'FAILED' | 'REFUNDED';

interface TransactionRecord {
  number: string;
  date: Date | null;
  amount: number | null;
  subtotal: number | null;
  discount: number | null;
  tax: number | null;
  taxLines: TaxLineRecord[];
  currency: string | null;
  status: string | null;
  paymentStatus: string | null;
  paymentState: PaymentState;
  paymentMethod: string | null;
  reference: string | null;
  settledAt: Date | null;
  refundedAt: Date | null;
  lines: LineRecord[];
}

export interface InvoiceRecord extends RecordBase<'invoice'>, TransactionRecord {}

export interface OrderRecord extends RecordBase<'order'>, TransactionRecord {}

export interface ContractRecord extends RecordBase<'contract'> {
  number: string;
  title: string | null;
  startDate: Date | null;
  endDate: Date | null;
  value: number | null;
  currency: string | null;
  status: string | null;
  billingInterval: string | null;
  autoRenew: boolean | null;
  noticePeriodDays: number | null;
  clientId: string | null;
  lines: LineRecord[];
}

export interface NoteRecord {
  author: string | null;
  message: string;
  createdAt: Date | null;
}

export interface RequestRecord extends RecordBase<'request'> {
  number: string | null;
  subject: string;
  body: string | null;
  category: string | null;
  status: string | null;
  priority: string | null;
  date: Date | null;
  /** Customer-visible notes only, oldest first. */
  notes: NoteRecord[];
  /** Open requests take replies; closed ones (completed, rejected, converted) do not. */
  canReply: boolean;
}

export type PortalRecord = InvoiceRecord | OrderRecord | ContractRecord | RequestRecord;

export function fileRefOf(file: NcFile): FileRef {
  return {
    id: file.id,
    name: file.title || file.path.split('/').pop() || `document-${file.id}`,
    mimeType: file.type,
    size: file.size,
    modifiedAt: parseDate(file.modified),
    labels: file.labels,
  };
}

/**
 * `extended`: the row was fetched with `_extend=@self.files`. A row without any file then has no
 * `@self.files` at all (empty values are stripped, §4.2), so only the caller knows whether a
 * missing list means "no files" or "not asked".
 */
function base<K extends RecordKind>(kind: K, object: NcObject, extended: boolean): RecordBase<K> {
  const details = object['@self'].fileDetails;
  return {
    kind,
    id: object.id,
    createdAt: parseDate(object['@self'].created),
    files: details ? details.map(fileRefOf) : extended ? [] : null,
  };
}

function lines(object: NcObject, field: string[], mapping: PortalFieldMapping['line']): LineRecord[] {
  return list(object, field).map((line) => {
    const quantity = num(line, mapping.quantity);
    const unitPrice = num(line, mapping.unitPrice);
    const total =
      num(line, mapping.total) ?? (quantity !== null && unitPrice !== null ? Math.round(quantity * unitPrice * 100) / 100 : null);
    return { description: text(line, mapping.description), quantity, unitPrice, total };
  });
}

function taxLines(object: NcObject, field: string[], mapping: PortalFieldMapping['taxLine']): TaxLineRecord[] {
  return list(object, field).flatMap((entry) => {
    const amount = num(entry, mapping.amount);
    return amount === null ? [] : [{ rate: num(entry, mapping.rate), base: num(entry, mapping.base), amount }];
  });
}

/** Refunds win, then a settled transaction or captured payment is paid, then a failed payment. */
export function paymentStateOf(status: string | null, paymentStatus: string | null): PaymentState {
  if (status === 'refunded' || paymentStatus === 'refunded') return 'REFUNDED';
  if (status === 'settled' || paymentStatus === 'settled' || paymentStatus === 'captured') return 'PAID';
  if (paymentStatus === 'failed') return 'FAILED';
  return 'OPEN';
}

/** What invoices and orders share: both are Pipelinq point-of-sale transactions. */
function transaction<K extends 'invoice' | 'order'>(
  kind: K,
  object: NcObject,
  f: PortalFieldMapping['order']['fields'],
  mapping: PortalFieldMapping,
  extended: boolean,
): RecordBase<K> & TransactionRecord {
  const status = text(object, f.status);
  const paymentStatus = text(object, f.paymentStatus);
  return {
    ...base(kind, object, extended),
    number: text(object, f.number) ?? object.id,
    date: date(object, f.date),
    amount: num(object, f.amount),
    subtotal: num(object, f.subtotal),
    discount: num(object, f.discount),
    tax: num(object, f.tax),
    taxLines: taxLines(object, f.taxLines, mapping.taxLine),
    currency: text(object, f.currency) ?? mapping.currency,
    status,
    paymentStatus,
    paymentState: paymentStateOf(status, paymentStatus),
    paymentMethod: text(object, f.paymentMethod),
    reference: text(object, f.reference),
    settledAt: date(object, f.settledAt),
    refundedAt: date(object, f.refundedAt),
    lines: lines(object, f.lines, mapping.line),
  };
}

export function toInvoice(object: NcObject, mapping: PortalFieldMapping, extended = false): InvoiceRecord {
  return transaction('invoice', object, mapping.invoice.fields, mapping, extended);
}

export function toOrder(object: NcObject, mapping: PortalFieldMapping, extended = false): OrderRecord {
  return transaction('order', object, mapping.order.fields, mapping, extended);
}

export function toContract(object: NcObject, mapping: PortalFieldMapping, extended = false): ContractRecord {
  const f = mapping.contract.fields;
  return {
    ...base('contract', object, extended),
    number: text(object, f.number) ?? object.id,
    title: text(object, f.title),
    startDate: date(object, f.startDate),
    endDate: date(object, f.endDate),
    value: num(object, f.value),
    currency: text(object, f.currency) ?? mapping.currency,
    status: text(object, f.status),
    billingInterval: text(object, f.billingInterval),
    autoRenew: bool(object, f.autoRenew),
    noticePeriodDays: num(object, f.noticePeriodDays),
    clientId: referenceOf(object[mapping.contract.owner.client]),
    lines: lines(object, f.lines, mapping.line),
  };
}

/** Notes a customer may read: visibility exactly "customer". A note without one is internal. */
export function customerNotes(object: NcObject, mapping: PortalFieldMapping): NoteRecord[] {
  const n = mapping.note;
  return list(object, mapping.request.fields.notes)
    .filter((note) => note[n.visibility] === n.customerValue && typeof note[n.message] === 'string')
    .map((note) => ({
      author: displayNoteAuthor(note[n.author]),
      message: note[n.message] as string,
      createdAt: parseDate(note[n.createdAt]),
    }))
    .sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
}

export function toRequest(object: NcObject, mapping: PortalFieldMapping, extended = false): RequestRecord {
  const f = mapping.request.fields;
  const status = text(object, f.status);
  return {
    ...base('request', object, extended),
    number: text(object, f.number),
    subject: text(object, f.subject) ?? object['@self'].name ?? '',
    body: text(object, f.body),
    category: text(object, f.category),
    status,
    priority: text(object, f.priority),
    date: date(object, f.date) ?? parseDate(object['@self'].created),
    notes: customerNotes(object, mapping),
    canReply: status === null || !mapping.requestStatus.closed.includes(status),
  };
}

/** What a document needs of the record it is attached to: which record, its number and its files. */
export interface DocumentSourceRecord {
  kind: RecordKind;
  id: string;
  number: string | null;
  files: FileRef[];
}

/**
 * The documents list reads every record of the customer for its files, and needs nothing else of
 * them: mapping each whole record (amounts, lines, dates) was most of the dashboard's mapping time.
 * The number follows the full mappers (a transaction or contract without one is named by its id).
 * The row must have been fetched with `_extend=@self.files`.
 */
export function documentSourceOf(kind: RecordKind, object: NcObject, mapping: PortalFieldMapping): DocumentSourceRecord {
  const number = text(object, mapping[kind].fields.number);
  return {
    kind,
    id: object.id,
    number: kind === 'request' ? number : (number ?? object.id),
    files: object['@self'].fileDetails?.map(fileRefOf) ?? [],
  };
}

export interface RecordOfKind {
  invoice: InvoiceRecord;
  order: OrderRecord;
  contract: ContractRecord;
  request: RequestRecord;
}

const MAPPERS: { [K in RecordKind]: (object: NcObject, mapping: PortalFieldMapping, extended: boolean) => RecordOfKind[K] } = {
  invoice: toInvoice,
  order: toOrder,
  contract: toContract,
  request: toRequest,
};

export function toRecord<K extends RecordKind>(
  kind: K,
  object: NcObject,
  mapping: PortalFieldMapping,
  extended: boolean,
): RecordOfKind[K] {
  return MAPPERS[kind](object, mapping, extended);
}
