import { uuidFor } from './ids.js';
import type { SchemaProperty, SimSchema } from './types.js';

/**
 * The Pipelinq schemas the portal reads (reference nextcloud-api §13.2 and pipelinq-portal §3.2).
 * `posTransaction`, `salesContract` and `requestCategory` follow the portal's field list.
 */

export const SCHEMA_SLUGS = ['client', 'contact', 'request', 'posTransaction', 'salesContract', 'requestCategory'] as const;
export type SchemaSlug = (typeof SCHEMA_SLUGS)[number];

const str = (extra: Partial<SchemaProperty> = {}): SchemaProperty => ({ type: 'string', ...extra });
const uuidRef = (title: string): SchemaProperty => ({ type: 'string', format: 'uuid', title });
const money: SchemaProperty = { type: 'number', minimum: 0 };

const DEFINITIONS: Record<SchemaSlug, Pick<SimSchema, 'title' | 'description' | 'required' | 'properties'>> = {
  client: {
    title: 'Client',
    description: 'A customer: a person or an organization',
    required: ['name', 'type'],
    properties: {
      name: str({ maxLength: 255, title: 'Name' }),
      type: str({ enum: ['person', 'organization'], default: 'person', facetable: true }),
      email: str({ format: 'email' }),
      phone: str(),
      address: str(),
      website: str({ format: 'uri' }),
      industry: str({ facetable: true }),
      notes: str(),
      contactsUid: str(),
    },
  },
  contact: {
    title: 'Contact',
    description: 'A person at a client',
    required: ['name'],
    properties: {
      name: str({ title: 'Name' }),
      email: str({ format: 'email' }),
      phone: str(),
      role: str(),
      client: uuidRef('Client'),
      contactsUid: str(),
    },
  },
  request: {
    title: 'Request',
    description: 'A service request from a client',
    required: ['title'],
    properties: {
      title: str(),
      description: str(),
      client: uuidRef('Client'),
      contact: uuidRef('Contact'),
      status: str({ enum: ['new', 'in_progress', 'completed', 'rejected', 'converted'], default: 'new', facetable: true }),
      priority: str({ enum: ['low', 'normal', 'high', 'urgent'], default: 'normal', facetable: true }),
      assignee: str(),
      requestedAt: str({ format: 'date-time' }),
      category: str({ facetable: true }),
      channel: str(),
      caseReference: str({ format: 'uuid' }),
      notes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['visibility', 'message'],
          properties: {
            visibility: str({ enum: ['customer', 'internal'] }),
            author: str(),
            message: str(),
            createdAt: str({ format: 'date-time' }),
          },
        },
      },
    },
  },
  posTransaction: {
    title: 'POS transaction',
    description: 'An invoice or an order',
    required: ['client', 'documentType', 'total'],
    properties: {
      client: uuidRef('Client'),
      contact: uuidRef('Contact'),
      documentType: str({ enum: ['invoice', 'order'], facetable: true }),
      invoiceNumber: str(),
      reference: str(),
      confirmedAt: str({ format: 'date-time' }),
      settledAt: str({ format: 'date-time' }),
      parkedAt: str({ format: 'date-time' }),
      total: money,
      currency: str({ enum: ['EUR'], default: 'EUR' }),
      status: str({ enum: ['parked', 'confirmed', 'settled', 'refunded'], facetable: true }),
      lines: {
        type: 'array',
        items: {
          type: 'object',
          properties: { description: str(), quantity: { type: 'number' }, unitPrice: { type: 'number' } },
        },
      },
    },
  },
  salesContract: {
    title: 'Sales contract',
    description: 'A recurring sales contract',
    required: ['clientRef', 'title', 'billingInterval', 'valuePerInterval', 'startDate'],
    properties: {
      contractNumber: str(),
      clientRef: uuidRef('Client'),
      contact: uuidRef('Contact'),
      title: str(),
      billingInterval: str({ enum: ['monthly', 'quarterly', 'annual', 'one-off'] }),
      valuePerInterval: money,
      value: money,
      currency: str({ enum: ['EUR'], default: 'EUR' }),
      startDate: str({ format: 'date' }),
      endDate: str({ format: 'date' }),
      autoRenew: { type: 'boolean', default: false },
      noticePeriodDays: { type: 'integer', minimum: 0 },
      status: str({
        enum: ['draft', 'active', 'expiring', 'renewed', 'churned', 'cancelled'],
        default: 'draft',
        facetable: true,
      }),
    },
  },
  requestCategory: {
    title: 'Request category',
    description: 'Categories of service requests',
    required: ['name'],
    properties: {
      name: str(),
      description: str(),
      exposeToCustomer: { type: 'boolean', default: false },
    },
  },
};

export function pipelinqSchemas(instance: string, ids: Record<SchemaSlug, number>, createdAt: string): SimSchema[] {
  return SCHEMA_SLUGS.map((slug) => ({
    id: ids[slug],
    uuid: uuidFor(`${instance}:schema:${slug}`),
    slug,
    version: '1.0.0',
    authorization: null,
    created: createdAt,
    updated: createdAt,
    ...structuredClone(DEFINITIONS[slug]),
  }));
}
