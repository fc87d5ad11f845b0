import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConnector } from '../../nextcloud/connector.test-support.js';
import { DEMO, startSimulator, type Simulator } from '../../nextcloud/simulator/index.js';
import type { NcObject } from '../../nextcloud/types.js';
import { ncObject } from '../../test/nc-objects.js';
import { defaultPortalSettings } from '../tenants/portal-settings.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { DEFAULT_FIELD_MAPPING, fieldMappingFor, mergeFieldMapping, upstreamFixedFilters } from './field-mapping.js';
import { PortalDataReader } from './portal-data-reader.js';
import { toContract, toInvoice, toOrder, toRequest } from './records.js';

/**
 * What a customer sees of a record Pipelinq stores with every property the reference gives: each
 * field of the portal must come from its Pipelinq property, and the fallbacks must be taken in
 * order. A mapping that reads nothing for a field shows a real tenant an empty column.
 */

/** A record as Pipelinq stores it: only the properties given, standard metadata. */
const pipelinq = (data: Record<string, unknown>): NcObject => ncObject(data);

const transaction = {
  status: 'refunded',
  client: 'client-1',
  customer: 'contact-1',
  reference: 'BON-2026-0042',
  invoiceNumber: 'F-2026-0042',
  subtotal: 100,
  discountTotal: 5,
  totalTax: 19.95,
  total: 114.95,
  taxBreakdown: [{ rate: 21, base: 95, amount: 19.95 }],
  invoiceBreakdown: [{ description: 'Ketel', quantity: 1, unitPrice: 100, total: 100 }],
  paymentStatus: 'refunded',
  paymentMethod: 'ideal',
  parkedAt: '2026-03-01T08:00:00Z',
  confirmedAt: '2026-03-02T09:00:00Z',
  settledAt: '2026-03-03T10:00:00Z',
  refundedAt: '2026-03-04T11:00:00Z',
};

const tenant = (fieldMapping?: unknown): Tenant =>
  ({
    id: 't',
    nextcloud: { baseUrl: 'https://cloud.example', register: 'pipelinq', schemas: {}, fieldMapping },
    portal: defaultPortalSettings(),
  }) as Tenant;

describe("the default mapping shows every field of Pipelinq's records", () => {
  it('reads each transaction field from its posTransaction property, as an invoice and as an order', () => {
    const shown = {
      amount: 114.95,
      subtotal: 100,
      discount: 5,
      tax: 19.95,
      taxLines: [{ rate: 21, base: 95, amount: 19.95 }],
      currency: 'EUR',
      status: 'refunded',
      paymentStatus: 'refunded',
      paymentState: 'REFUNDED',
      paymentMethod: 'ideal',
      reference: 'BON-2026-0042',
      date: new Date('2026-03-02T09:00:00Z'),
      settledAt: new Date('2026-03-03T10:00:00Z'),
      refundedAt: new Date('2026-03-04T11:00:00Z'),
      lines: [{ description: 'Ketel', quantity: 1, unitPrice: 100, total: 100 }],
    };
    // An invoice is known by its invoice number, an order by its receipt reference.
    expect(toInvoice(pipelinq(transaction), DEFAULT_FIELD_MAPPING)).toMatchObject({ ...shown, number: 'F-2026-0042' });
    expect(toOrder(pipelinq(transaction), DEFAULT_FIELD_MAPPING)).toMatchObject({ ...shown, number: 'BON-2026-0042' });
  });

  it('falls back in order: an order without a reference by its invoice number, an unconfirmed one by its parking date', () => {
    const { reference: _reference, confirmedAt: _confirmedAt, ...unconfirmed } = transaction;
    expect(toOrder(pipelinq(unconfirmed), DEFAULT_FIELD_MAPPING)).toMatchObject({
      number: 'F-2026-0042',
      date: new Date('2026-03-01T08:00:00Z'),
    });
    // An invoice not confirmed yet is dated by its settlement.
    expect(toInvoice(pipelinq(unconfirmed), DEFAULT_FIELD_MAPPING).date).toEqual(new Date('2026-03-03T10:00:00Z'));
  });

  it('reads each contract field from its contract property, the value per interval before the total value', () => {
    const contract = {
      title: 'Onderhoud cv-ketel',
      clientRef: 'client-1',
      billingInterval: 'monthly',
      valuePerInterval: 12.5,
      value: 150,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      contractNumber: 'C-2026-7',
      currency: 'USD',
      autoRenew: true,
      noticePeriodDays: 30,
      status: 'active',
      lineItems: [{ productRef: 'p-1', description: 'Onderhoud', quantity: 1, unitValue: 12.5 }],
    };
    expect(toContract(pipelinq(contract), DEFAULT_FIELD_MAPPING)).toMatchObject({
      number: 'C-2026-7',
      title: 'Onderhoud cv-ketel',
      startDate: new Date('2026-01-01T00:00:00Z'),
      endDate: new Date('2026-12-31T00:00:00Z'),
      value: 12.5,
      currency: 'USD',
      status: 'active',
      billingInterval: 'monthly',
      autoRenew: true,
      noticePeriodDays: 30,
      clientId: 'client-1',
      lines: [{ description: 'Onderhoud', quantity: 1, unitPrice: 12.5, total: 12.5 }],
    });
    const { valuePerInterval: _perInterval, ...totalOnly } = contract;
    expect(toContract(pipelinq(totalOnly), DEFAULT_FIELD_MAPPING).value).toBe(150);
  });

  it('reads each request field from its request property, the portal reference before the case reference', () => {
    const request = {
      title: 'Ketel lekt',
      description: 'Er staat water onder de ketel.',
      client: 'client-1',
      contact: 'contact-1',
      status: 'in_progress',
      priority: 'high',
      requestedAt: '2026-04-01T12:00:00Z',
      category: 'Storing',
      channel: 'portal',
      caseReference: 'ZAAK-12',
      reference: 'PRT-2026-0001',
      notes: [
        { visibility: 'customer', author: 'Servicedesk', message: 'Monteur komt dinsdag.', createdAt: '2026-04-02T08:00:00Z' },
      ],
    };
    expect(toRequest(pipelinq(request), DEFAULT_FIELD_MAPPING)).toMatchObject({
      number: 'PRT-2026-0001',
      subject: 'Ketel lekt',
      body: 'Er staat water onder de ketel.',
      category: 'Storing',
      status: 'in_progress',
      priority: 'high',
      date: new Date('2026-04-01T12:00:00Z'),
      notes: [{ message: 'Monteur komt dinsdag.' }],
      canReply: true,
    });
    const { reference: _reference, ...filedElsewhere } = request;
    expect(toRequest(pipelinq(filedElsewhere), DEFAULT_FIELD_MAPPING).number).toBe('ZAAK-12');
  });
});

describe('what the portal writes on a request it files', () => {
  it('has a property for every field it writes, and files new requests in a status the request schema has', () => {
    const { request, requestStatus } = DEFAULT_FIELD_MAPPING;
    for (const field of ['subject', 'body', 'status', 'date', 'channel', 'contact', 'category'] as const) {
      expect(request.fields[field].length, field).toBeGreaterThan(0);
    }
    expect(request.statuses).toContain(requestStatus.new);
    for (const closed of requestStatus.closed) expect(request.statuses).toContain(closed);
    expect(requestStatus.closed).not.toContain(requestStatus.new);
  });
});

describe("a tenant's mapping", () => {
  it('sends "IS NULL" upstream as a null condition, and other values as they are', () => {
    const mapping = fieldMappingFor(tenant({ invoice: { fixedFilters: { refundedAt: 'IS NULL', status: ['settled'] } } }));
    expect(upstreamFixedFilters(mapping.invoice.fixedFilters)).toEqual({ refundedAt: null, status: ['settled'] });
  });

  it('keeps a default where an override leaves a setting undefined', () => {
    const merged = mergeFieldMapping(DEFAULT_FIELD_MAPPING, { currency: undefined, contract: { dateField: undefined } });
    expect(merged.currency).toBe('EUR');
    expect(merged.contract.dateField).toBe('startDate');
  });

  it('is worked out once per stored tenant, and afresh when the tenant changes', () => {
    const stored = tenant({ currency: 'USD' });
    const mapping = fieldMappingFor(stored);
    expect(fieldMappingFor(stored)).toBe(mapping);
    expect(upstreamFixedFilters(mapping.invoice.fixedFilters)).toBe(upstreamFixedFilters(mapping.invoice.fixedFilters));
    expect(fieldMappingFor(tenant({ currency: 'GBP' })).currency).toBe('GBP');
  });
});

describe("the customer's own client and contact, read with the default mapping", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(async () => {
    await sim?.close();
  });

  it("names the organisation, its kind and the person signed in from Pipelinq's name and type", async () => {
    const bakkerij = DEMO.demo.bakkerij;
    const reader = new PortalDataReader(
      tenant(),
      {
        tenantId: 'demo',
        accountId: 'acc-bakkerij',
        accountType: 'B2B',
        clientId: bakkerij.clientId,
        contactId: bakkerij.contactId,
        scopes: null,
      },
      makeConnector(sim.instance('demo')).connector,
    );
    expect(await reader.client(bakkerij.clientId)).toEqual({
      id: bakkerij.clientId,
      name: 'Bakkerij Bakker B.V.',
      type: 'organization',
    });
    expect(await reader.ownContactName()).toBe('Sanne de Groot');
  });
});
