import { describe, expect, it } from 'vitest';
import { fieldMappingProblems } from './field-mapping-overrides.js';

describe('field-mapping overrides', () => {
  it('accepts partial overrides in the shape of the defaults, and an empty object', () => {
    expect(fieldMappingProblems({})).toEqual([]);
    expect(
      fieldMappingProblems({
        invoice: { fields: { number: ['reference'] }, fixedFilters: { documentType: 'factuur' } },
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
        order: { fixedFilters: { documentType: { nested: true } } },
      }),
    ).toEqual([
      'invoices is not a field-mapping setting',
      'invoice.fields.numbr is not a field-mapping setting',
      'invoice.fields.date must be a non-empty list of property names',
      'invoice.owner.client cannot be null',
      'invoice.dateField must be a property name',
      'order.fixedFilters.documentType must be a property name with a plain value',
    ]);
    expect(fieldMappingProblems([])).toEqual(['the field mapping must be a JSON object']);
  });
});
