import type { FilterScalar } from '../../nextcloud/types.js';
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

export interface RecordMapping<F extends string> {
  resource: string;
  /** Conditions every record of this kind meets upstream (invoices and orders share a schema). */
  fixedFilters: Record<string, FilterScalar>;
  owner: {
    /** The property holding the owning client's uuid. */
    client: string;
    /**
     * When set, records with no client whose contact is the account's own contact belong to it
     * too ("requests filed through its contact"). OpenRegister has no OR across properties, so
     * this costs a second, parallel query; set it to null to save that call.
     */
    contact: string | null;
  };
  /** Newest first sorts on this property, and date ranges filter on it. */
  dateField: string;
  statusField: string;
  fields: Record<F, string[]>;
}

export type InvoiceField = 'number' | 'date' | 'amount' | 'currency' | 'status' | 'reference' | 'lines' | 'settledAt';
export type OrderField = 'number' | 'date' | 'amount' | 'currency' | 'status' | 'lines';
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
  | 'noticePeriodDays';
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
  /** Lines of an invoice or order: property names inside each line object. */
  line: { description: string[]; quantity: string[]; unitPrice: string[]; total: string[] };
  /** Status values of Pipelinq's request lifecycle the portal writes or reacts to. */
  requestStatus: { new: string; closed: string[] };
  /** Note objects inside a request's notes list. */
  note: { visibility: string; author: string; message: string; createdAt: string; customerValue: string };
}

export const DEFAULT_FIELD_MAPPING: PortalFieldMapping = {
  invoice: {
    resource: 'posTransaction',
    fixedFilters: { documentType: 'invoice' },
    owner: { client: 'client', contact: null },
    dateField: 'confirmedAt',
    statusField: 'status',
    fields: {
      number: ['invoiceNumber', 'reference'],
      date: ['confirmedAt', 'settledAt'],
      amount: ['total'],
      currency: ['currency'],
      status: ['status'],
      reference: ['reference'],
      lines: ['lines'],
      settledAt: ['settledAt'],
    },
  },
  order: {
    resource: 'posTransaction',
    fixedFilters: { documentType: 'order' },
    owner: { client: 'client', contact: null },
    dateField: 'confirmedAt',
    statusField: 'status',
    fields: {
      number: ['reference', 'invoiceNumber'],
      date: ['confirmedAt', 'parkedAt'],
      amount: ['total'],
      currency: ['currency'],
      status: ['status'],
      lines: ['lines'],
    },
  },
  contract: {
    resource: 'salesContract',
    fixedFilters: {},
    // Pipelinq's salesContract keeps its owner in clientRef (the original portal read `client`
    // and so never matched a contract, reference pipelinq-portal §8 item 15).
    owner: { client: 'clientRef', contact: null },
    dateField: 'startDate',
    statusField: 'status',
    fields: {
      number: ['contractNumber', 'reference'],
      title: ['title'],
      startDate: ['startDate'],
      endDate: ['endDate'],
      value: ['value', 'valuePerInterval'],
      currency: ['currency'],
      status: ['status'],
      billingInterval: ['billingInterval'],
      autoRenew: ['autoRenew'],
      noticePeriodDays: ['noticePeriodDays'],
    },
  },
  request: {
    resource: 'request',
    fixedFilters: {},
    owner: { client: 'client', contact: 'contact' },
    dateField: 'requestedAt',
    statusField: 'status',
    fields: {
      number: ['reference'],
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
  line: { description: ['description'], quantity: ['quantity'], unitPrice: ['unitPrice'], total: ['total'] },
  requestStatus: { new: 'new', closed: ['completed', 'rejected', 'converted'] },
  note: { visibility: 'visibility', author: 'author', message: 'message', createdAt: 'createdAt', customerValue: 'customer' },
};

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends Array<unknown> ? T[K] : T[K] extends object | null ? DeepPartial<T[K]> | null : T[K];
};
export type FieldMappingOverrides = DeepPartial<PortalFieldMapping>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Overrides win key by key; arrays and scalars replace, objects merge, null removes an optional part. */
export function mergeFieldMapping<T>(base: T, overrides: unknown): T {
  if (!isPlainObject(overrides) || !isPlainObject(base)) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] = isPlainObject(value) && isPlainObject(current) ? mergeFieldMapping(current, value) : value;
  }
  return merged as T;
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
