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

  it('checks each kind of setting for its own kind of value', () => {
    expect(fieldMappingProblems(null)).toEqual(['the field mapping must be a JSON object']);
    expect(fieldMappingProblems('invoice')).toEqual(['the field mapping must be a JSON object']);
    expect(
      fieldMappingProblems({
        invoice: 'posTransaction',
        order: { owner: ['client'], statuses: 'draft', resource: 7 },
        client: { name: [], type: ['type', 'a b'] },
        contact: { name: 'name' },
        requestStatus: { closed: [], new: null },
        note: { author: '1author' },
        line: { total: [true] },
        requestCategory: { name: ['name'] },
        owner: {},
      }),
    ).toEqual([
      'invoice must be an object',
      'order.owner must be an object',
      'order.statuses must be a non-empty list of property names',
      'order.resource must be a property name',
      'client.name must be a non-empty list of property names',
      'client.type must be a non-empty list of property names',
      'contact.name must be a non-empty list of property names',
      'requestStatus.closed must be a non-empty list of property names',
      'requestStatus.new cannot be null',
      'note.author must be a property name',
      'line.total must be a non-empty list of property names',
      'requestCategory.name must be a property name',
      'owner is not a field-mapping setting',
    ]);
  });

  it('takes property names as OpenRegister writes them, up to 128 characters', () => {
    const names = ['@self.owner', 'client_ref', 'a.b-c', 'x'.repeat(128)];
    expect(
      fieldMappingProblems({ request: { fields: { subject: names } }, contract: { owner: { client: '@self.owner' } } }),
    ).toEqual([]);
    for (const bad of ['x'.repeat(129), '1client', '-client', 'cli ent', 'clïent', '']) {
      expect(fieldMappingProblems({ contract: { dateField: bad } }), bad).toEqual(['contract.dateField must be a property name']);
    }
  });

  it('takes fixed filters on any property with a value, a list of values or the NULL literals', () => {
    expect(
      fieldMappingProblems({
        invoice: {
          fixedFilters: { type: 'invoice', total: 0, paid: false, status: ['a', 2], deletedAt: 'IS NULL', x: 'IS NOT NULL' },
        },
      }),
    ).toEqual([]);
    const problem = (key: string) =>
      `invoice.fixedFilters.${key} must be a property name with a non-empty value, a list of values, "IS NOT NULL" or "IS NULL"`;
    expect(
      fieldMappingProblems({
        invoice: {
          fixedFilters: { 'two words': 'x', blank: '  ', flags: [true], mixed: ['a', ''], nothing: null, nested: [['a']] },
        },
      }),
    ).toEqual(['two words', 'blank', 'flags', 'mixed', 'nothing', 'nested'].map(problem));
    // A null fixedFilters is not "no filters": `{}` is.
    expect(fieldMappingProblems({ invoice: { fixedFilters: null } })).toEqual(['invoice.fixedFilters cannot be null']);
    expect(fieldMappingProblems({ invoice: { fixedFilters: [] } })).toEqual(['invoice.fixedFilters must be an object']);
  });

  it('lets a tenant drop the optional parts only', () => {
    expect(fieldMappingProblems({ portalRequest: null, requestCategory: null, invoice: { owner: { contact: null } } })).toEqual(
      [],
    );
    expect(fieldMappingProblems({ client: null, invoice: { owner: null }, portalRequest: { reference: null } })).toEqual([
      'client cannot be null',
      'invoice.owner cannot be null',
      'portalRequest.reference cannot be null',
    ]);
  });
});
