import { describe, expect, it } from 'vitest';
import { defaultPortalSettings } from '../tenants/portal-settings.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { DEFAULT_FIELD_MAPPING, fieldMappingFor, mergeFieldMapping, upstreamFixedFilters } from './field-mapping.js';

const tenant = (nextcloud: Record<string, unknown> = {}): Tenant =>
  ({
    id: 't',
    nextcloud: { baseUrl: 'https://cloud.example', loginName: 'x', register: 'pipelinq', schemas: {}, ...nextcloud },
    timeZone: 'Europe/Amsterdam',
    portal: defaultPortalSettings(),
    portalSaved: false,
    portalSavedBy: null,
    portalSavedAt: null,
    revision: '1',
  }) as Tenant;

describe('field mapping', () => {
  it("defaults to Pipelinq's: invoices and orders from posTransaction, contracts owned through clientRef", () => {
    const mapping = fieldMappingFor(tenant());
    // No type property exists: an invoice is a transaction with an invoice number.
    expect(mapping.invoice).toMatchObject({
      resource: 'posTransaction',
      fixedFilters: { invoiceNumber: 'IS NOT NULL' },
      owner: { client: 'client', contact: 'customer' },
    });
    expect(mapping.order.fixedFilters).toEqual({ status: ['parked', 'confirmed', 'settled', 'refunded'] });
    expect(mapping.order.owner).toEqual({ client: 'client', contact: 'customer' });
    expect(mapping.contract.resource).toBe('contract');
    expect(mapping.contract.owner.client).toBe('clientRef');
    expect(mapping.request.owner).toEqual({ client: 'client', contact: 'contact' });
  });

  it('lets a tenant override parts: scalars and lists replace, objects merge, null removes', () => {
    const mapping = fieldMappingFor(
      tenant({
        fieldMapping: {
          contract: { resource: 'contract', owner: { client: 'client' }, fields: { number: ['reference'] } },
          request: { owner: { contact: null } },
          requestCategory: null,
        },
      }),
    );
    expect(mapping.contract.resource).toBe('contract');
    expect(mapping.contract.owner).toEqual({ client: 'client', contact: null });
    expect(mapping.contract.fields.number).toEqual(['reference']);
    expect(mapping.contract.fields.title).toEqual(['title']);
    expect(mapping.request.owner).toEqual({ client: 'client', contact: null });
    expect(mapping.requestCategory).toBeNull();
    // The defaults themselves are never changed.
    expect(DEFAULT_FIELD_MAPPING.contract.owner.client).toBe('clientRef');
    expect(mergeFieldMapping(DEFAULT_FIELD_MAPPING, 'nonsense')).toBe(DEFAULT_FIELD_MAPPING);
  });

  it('replaces a fixed-filter set whole: an empty object removes the default condition', () => {
    const mapping = fieldMappingFor(
      tenant({ fieldMapping: { invoice: { fixedFilters: {} }, order: { fixedFilters: { status: 'settled' } } } }),
    );
    expect(mapping.invoice.fixedFilters).toEqual({});
    expect(mapping.order.fixedFilters).toEqual({ status: 'settled' });
    expect(upstreamFixedFilters(DEFAULT_FIELD_MAPPING.invoice.fixedFilters)).toEqual({ invoiceNumber: { notNull: true } });
  });
});
