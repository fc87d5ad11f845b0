import type { FilterScalar, FilterValue } from '../../nextcloud/types.js';
import type { Tenant } from '../tenants/tenant-directory.js';

/**
 * Where each kind of portal record lives in a tenant's OpenRegister and which properties carry its
 * fields. This is the one module that knows Pipelinq's property names; everything else reads
 * records through it. Defaults follow Pipelinq (DESIGN.md "Nextcloud"); a tenant may override any
 * part through `nextcloud.fieldMapping` (a deep partial of PortalFieldMapping).
 *
 * `resource` is a connector resource key; the tenant's `nextcloud.schemas` turns it into a slug.
 * Field lists are fallbacks: the first non-empty property wins (an invoice's number is its
 * `invoiceNumber`, else its `reference`).
 */

export const RECORD_KINDS = ['invoice', 'order', 'contract', 'request'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/**
 * A condition on one property, as the mapping is written (JSON): a value (equality), a list (one of),
 * or OpenRegister's literals `"IS NOT NULL"` / `"IS NULL"` (reference pipelinq-schemas, query facts).
 */
export type FixedFilter = FilterScalar | Array<string | number>;
export const IS_NOT_NULL = 'IS NOT NULL';
export const IS_NULL = 'IS NULL';

export interface RecordMapping<F extends string> {
  resource: string;
  /**
   * Conditions every record of this kind meets, sent upstream and re-checked on every row, detail
   * and download alike: invoices and orders share `posTransaction` and differ only here.
   */
  fixedFilters: Record<string, FixedFilter>;
  owner: {
    /** The property holding the owning client's uuid. */
    client: string;
    /**
     * When set, records with no client whose contact is the account's own contact belong to it
     * too (a transaction that names only its `customer`, a request filed through the contact).
     * OpenRegister has no OR across properties, so this costs a second, parallel query; set it to
     * null to save that call.
     */
    contact: string | null;
  };
  /** Newest first sorts on this property, and date ranges filter on it. */
  dateField: string;
  statusField: string;
  /** Every status a record of this kind can have upstream; status filters offer exactly these. */
  statuses: string[];
  /** Fallback lists: the first non-empty property wins. An empty list: the portal shows nothing. */
  fields: Record<F, string[]>;
}

type TransactionField =
  | 'number'
  | 'date'
  | 'amount'
  | 'subtotal'
  | 'discount'
  | 'tax'
  | 'taxLines'
  | 'currency'
  | 'status'
  | 'paymentStatus'
  | 'paymentMethod'
  | 'reference'
  | 'lines'
  | 'settledAt'
  | 'refundedAt';
export type InvoiceField = TransactionField;
export type OrderField = TransactionField;
export type ContractField =
  | 'number'
  | 'title'
  | 'startDate'
  | 'endDate'
  | 'value'
  | 'currency'
  | 'status'
  | 'billingInterval'
  | 'autoRenew'
  | 'noticePeriodDays'
  | 'lines';
export type RequestField =
  'number' | 'subject' | 'body' | 'category' | 'status' | 'priority' | 'date' | 'notes' | 'contact' | 'channel';

export interface PortalFieldMapping {
  invoice: RecordMapping<InvoiceField>;
  order: RecordMapping<OrderField>;
  contract: RecordMapping<ContractField>;
  request: RecordMapping<RequestField>;
  client: { resource: string; name: string[]; type: string[] };
  contact: { resource: string; name: string[] };
  /** Null: the tenant keeps no category catalogue, so any category is accepted. */
  requestCategory: { resource: string; name: string; exposeToCustomer: string } | null;
  /** Amounts without a currency property are in this currency (Pipelinq's transactions are euros). */
  currency: string;
  /** Lines of a transaction or contract: property names inside each line object. */
  line: { description: string[]; quantity: string[]; unitPrice: string[]; total: string[] };
  /** Entries of a transaction's tax breakdown. */
  taxLine: { rate: string[]; base: string[]; amount: string[] };
  /** Status values of Pipelinq's request lifecycle the portal writes or reacts to. */
  requestStatus: { new: string; closed: string[] };
  /** Note objects inside a request's notes list. */
  note: { visibility: string; author: string; message: string; createdAt: string; customerValue: string };
  /**
   * What the portal records on a request it files (Pipelinq's portal properties of `request`): that
   * the portal filed it, for which account, and the ids of the files stored with it. Null: write none.
   */
  /**
   * Properties of Pipelinq's portal version of the request schema (reference pipelinq-schemas,
   * *portal*); `reference` is the number the portal gives a request it files.
   */
  portalRequest: { submittedVia: string; reporterAccountId: string; attachmentIds: string; reference: string } | null;
}

/** posTransaction's lifecycle (reference pipelinq-schemas); a draft is nobody's order yet. */
const TRANSACTION_STATUSES = ['draft', 'parked', 'confirmed', 'settled', 'refunded'];

const transactionFields = (number: string[], date: string[]): Record<TransactionField, string[]> => ({
  number,
  date,
  amount: ['total'],
  subtotal: ['subtotal'],
  discount: ['discountTotal'],
  tax: ['totalTax'],
  taxLines: ['taxBreakdown'],
  // posTransaction has no currency property: amounts are in `currency` below.
  currency: [],
  status: ['status'],
  paymentStatus: ['paymentStatus'],
  paymentMethod: ['paymentMethod'],
  reference: ['reference'],
  // The reference gives invoiceBreakdown as object[] without its item shape; `line` below names
  // the keys read from each entry (an assumption `tenant check` reports on).
  lines: ['invoiceBreakdown'],
  settledAt: ['settledAt'],
  refundedAt: ['refundedAt'],
});

/**
 * Pipelinq's data model (reference pipelinq-schemas.md); every property named here exists there.
 * Invoices and orders are both `posTransaction`s: an invoice is one with an `invoiceNumber`, the
 * orders are the non-draft ones, as Pipelinq's own portal lists them (number and date fallbacks too).
 * A transaction belongs to its `client` or, when it names none, to its `customer` (a contact).
 */
export const DEFAULT_FIELD_MAPPING: PortalFieldMapping = {
  invoice: {
    resource: 'posTransaction',
    fixedFilters: { invoiceNumber: IS_NOT_NULL },
    owner: { client: 'client', contact: 'customer' },
    dateField: 'confirmedAt',
    statusField: 'status',
    statuses: TRANSACTION_STATUSES.filter((s) => s !== 'draft'),
    fields: transactionFields(['invoiceNumber', 'reference'], ['confirmedAt', 'settledAt']),
  },
  order: {
    resource: 'posTransaction',
    fixedFilters: { status: TRANSACTION_STATUSES.filter((s) => s !== 'draft') },
    owner: { client: 'client', contact: 'customer' },
    dateField: 'confirmedAt',
    statusField: 'status',
    statuses: TRANSACTION_STATUSES.filter((s) => s !== 'draft'),
    fields: transactionFields(['reference', 'invoiceNumber'], ['confirmedAt', 'parkedAt']),
  },
  contract: {
    resource: 'contract',
    fixedFilters: {},
    // Pipelinq's contract keeps its owner in clientRef (the original portal read `client`
    // and so never matched a contract, reference pipelinq-portal §8 item 15).
    owner: { client: 'clientRef', contact: null },
    dateField: 'startDate',
    statusField: 'status',
    statuses: ['draft', 'active', 'expiring', 'renewed', 'churned', 'cancelled'],
    fields: {
      number: ['contractNumber'],
      title: ['title'],
      startDate: ['startDate'],
      endDate: ['endDate'],
      value: ['valuePerInterval', 'value'],
      currency: ['currency'],
      status: ['status'],
      billingInterval: ['billingInterval'],
      autoRenew: ['autoRenew'],
      noticePeriodDays: ['noticePeriodDays'],
      lines: ['lineItems'],
    },
  },
  request: {
    resource: 'request',
    fixedFilters: {},
    owner: { client: 'client', contact: 'contact' },
    dateField: 'requestedAt',
    statusField: 'status',
    statuses: ['new', 'in_progress', 'completed', 'rejected', 'converted'],
    fields: {
      number: ['reference', 'caseReference'],
      subject: ['title'],
      body: ['description'],
      category: ['category'],
      status: ['status'],
      priority: ['priority'],
      date: ['requestedAt'],
      notes: ['notes'],
      contact: ['contact'],
      channel: ['channel'],
    },
  },
  client: { resource: 'client', name: ['name'], type: ['type'] },
  contact: { resource: 'contact', name: ['name'] },
  requestCategory: { resource: 'requestCategory', name: 'name', exposeToCustomer: 'exposeToCustomer' },
  currency: 'EUR',
  // Contract lines are {productRef, description, quantity, unitValue} (reference); transaction
  // breakdown entries are read with the same keys plus unitPrice/total.
  line: {
    description: ['description'],
    quantity: ['quantity'],
    unitPrice: ['unitPrice', 'unitValue'],
    total: ['total'],
  },
  taxLine: { rate: ['rate'], base: ['base'], amount: ['amount'] },
  requestStatus: { new: 'new', closed: ['completed', 'rejected', 'converted'] },
  note: { visibility: 'visibility', author: 'author', message: 'message', createdAt: 'createdAt', customerValue: 'customer' },
  portalRequest: {
    submittedVia: 'submittedVia',
    reporterAccountId: 'reporterAccountId',
    attachmentIds: 'attachmentIds',
    reference: 'reference',
  },
};

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends Array<unknown> ? T[K] : T[K] extends object | null ? DeepPartial<T[K]> | null : T[K];
};
export type FieldMappingOverrides = DeepPartial<PortalFieldMapping>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parts that are one value, not a set of named settings: a given object replaces the default whole
 * (`{"invoice":{"fixedFilters":{}}}` removes the invoice filter; merging would keep it).
 */
export const REPLACED_WHOLE = new Set(['fixedFilters']);

/**
 * Overrides win key by key: named settings (record kinds, `fields`, `owner`, …) merge, so one field
 * can be changed alone; lists, scalars and the parts in REPLACED_WHOLE replace; `null` removes an
 * optional part (validated before it is stored, field-mapping-overrides.ts).
 */
export function mergeFieldMapping<T>(base: T, overrides: unknown): T {
  if (!isPlainObject(overrides) || !isPlainObject(base)) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] =
      isPlainObject(value) && isPlainObject(current) && !REPLACED_WHOLE.has(key) ? mergeFieldMapping(current, value) : value;
  }
  return merged as T;
}

const upstreamForms = new WeakMap<Record<string, FixedFilter>, Record<string, FilterValue>>();

/**
 * A fixed filter as the connector sends it: the IS (NOT) NULL literals become operators. Every row
 * of every list is re-checked with it, so each mapping's set is converted once (mappings are
 * cached per tenant object, fieldMappingFor).
 */
export function upstreamFixedFilters(fixed: Record<string, FixedFilter>): Record<string, FilterValue> {
  const known = upstreamForms.get(fixed);
  if (known) return known;
  const out: Record<string, FilterValue> = {};
  for (const [field, value] of Object.entries(fixed)) {
    out[field] = value === IS_NOT_NULL ? { notNull: true } : value === IS_NULL ? null : value;
  }
  upstreamForms.set(fixed, out);
  return out;
}

const cache = new WeakMap<Tenant, PortalFieldMapping>();

/**
 * The tenant's mapping. Tenant objects are replaced whenever the stored tenant changes, so caching
 * by object identity never serves a stale mapping.
 */
export function fieldMappingFor(tenant: Tenant): PortalFieldMapping {
  const cached = cache.get(tenant);
  if (cached) return cached;
  const mapping = mergeFieldMapping(DEFAULT_FIELD_MAPPING, tenant.nextcloud.fieldMapping);
  cache.set(tenant, mapping);
  return mapping;
}
