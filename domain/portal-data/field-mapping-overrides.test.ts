import { describe, expect, it } from 'vitest';
import { fieldMappingProblems } from './field-mapping-overrides.js';

describe('field-mapping overrides', () => {
  it('accepts partial overrides in the shape of the defaults, and an empty object', () => {
    expect(fieldMappingProblems({})).toEqual([]);
    expect(
      fieldMappingProblems({
        invoice: { fields: { number: ['reference'], lines: [] }, fixedFilters: { invoiceNumber: 'IS NOT NULL' } },
        order: { fixedFilters: { status: ['confirmed', 'settled'] } },
        request: { owner: { contact: null } },
        requestCategory: null,
        contract: { resource: 'contract', owner: { client: 'client' } },
      }),
    ).toEqual([]);
  });

  it('lists every problem: unknown keys, wrong kinds, bad property names, forbidden nulls', () => {
    expect(
      fieldMappingProblems({
        invoices: {},
        invoice: { fields: { numbr: ['x'], date: 'confirmedAt' }, owner: { client: null }, dateField: 'a b' },
        order: { fixedFilters: { documentType: { nested: true }, status: '', paymentStatus: [] } },
      }),
    ).toEqual([
      'invoices is not a field-mapping setting',
      'invoice.fields.numbr is not a field-mapping setting',
      'invoice.fields.date must be a list of property names',
      'invoice.owner.client cannot be null',
      'invoice.dateField must be a property name',
      'order.fixedFilters.documentType must be a property name with a non-empty value, a list of values, "IS NOT NULL" or "IS NULL"',
      'order.fixedFilters.status must be a property name with a non-empty value, a list of values, "IS NOT NULL" or "IS NULL"',
      'order.fixedFilters.paymentStatus must be a property name with a non-empty value, a list of values, "IS NOT NULL" or "IS NULL"',
    ]);
    expect(fieldMappingProblems([])).toEqual(['the field mapping must be a JSON object']);
  });
});
