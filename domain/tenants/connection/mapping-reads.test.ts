import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_MAPPING, type RecordMapping } from '../../portal-data/field-mapping.js';
import type { SchemaDescription } from '../../../nextcloud/types.js';
import {
  DATE_FIELDS,
  fixForMissingRead,
  mappingReads,
  mergeSnippets,
  missingReads,
  NUMERIC_FIELDS,
  suggestProperty,
} from './mapping-reads.js';

const prop = (type: string, format: string | null = null, values: string[] | null = null) => ({ type, format, enum: values });
/** A posTransaction-like schema with a few of Pipelinq's properties. */
const schema: SchemaDescription = {
  id: 1,
  slug: 'posTransaction',
  required: [],
  properties: {
    client: prop('string', 'uuid'),
    customer: prop('string', 'uuid'),
    invoiceNumber: prop('string'),
    status: prop('string', null, ['draft', 'settled']),
    confirmedAt: prop('string', 'date-time'),
    total: prop('number'),
  },
};
const invoice = (changes: Partial<RecordMapping<string>>): RecordMapping<string> => ({
  ...(DEFAULT_FIELD_MAPPING.invoice as RecordMapping<string>),
  ...changes,
});

describe('mappingReads / fixForMissingRead', () => {
  it('lists every property a kind reads, with where the mapping names it', () => {
    const reads = mappingReads('invoice', DEFAULT_FIELD_MAPPING.invoice as RecordMapping<string>);
    expect(reads).toContainEqual({
      property: 'invoiceNumber',
      role: 'fixed filter',
      setting: 'invoice.fixedFilters.invoiceNumber',
    });
    expect(reads).toContainEqual({ property: 'client', role: 'owner client', setting: 'invoice.owner.client' });
    expect(reads).toContainEqual({ property: 'customer', role: 'owner contact', setting: 'invoice.owner.contact' });
    expect(reads).toContainEqual({ property: 'total', role: 'field', setting: 'invoice.fields.amount', field: 'amount' });
  });

  it('proposes the default when the schema has it, else a property of the right shape, else says nothing', () => {
    const mapping = invoice({ dateField: 'datum', statusField: 'staat', owner: { client: 'klant', contact: 'persoon' } });
    const fix = (property: string) => {
      const read = missingReads(mappingReads('invoice', mapping), schema).find((r) => r.property === property)!;
      return fixForMissingRead('invoice', mapping, read, schema, null);
    };
    expect(fix('datum')).toEqual({ invoice: { dateField: 'confirmedAt' } });
    expect(fix('staat')).toEqual({ invoice: { statusField: 'status' } });
    expect(fix('klant')).toEqual({ invoice: { owner: { client: 'client' } } });
    expect(fix('persoon')).toEqual({ invoice: { owner: { contact: 'customer' } } });

    const bare: SchemaDescription = { ...schema, properties: { total: prop('number'), bedrag: prop('number') } };
    const noDefault = invoice({ owner: { client: 'klant', contact: 'persoon' } });
    const read = (property: string) =>
      missingReads(mappingReads('invoice', noDefault), bare).find((r) => r.property === property)!;
    expect(fixForMissingRead('invoice', noDefault, read('klant'), bare, null)).toBeNull();
    expect(fixForMissingRead('invoice', noDefault, read('klant'), bare, 'bedrag')).toEqual({
      invoice: { owner: { client: 'bedrag' } },
    });
    expect(fixForMissingRead('invoice', noDefault, read('persoon'), bare, null)).toEqual({
      invoice: { owner: { contact: null } },
    });
  });

  it('keeps the fixed filters the schema can answer', () => {
    const mapping = invoice({ fixedFilters: { documentType: 'invoice', status: ['settled'] } });
    const read = missingReads(mappingReads('invoice', mapping), schema).find((r) => r.role === 'fixed filter')!;
    expect(read.property).toBe('documentType');
    expect(fixForMissingRead('invoice', mapping, read, schema, null)).toEqual({
      invoice: { fixedFilters: { status: ['settled'] } },
    });
    const only = invoice({ fixedFilters: { documentType: 'invoice' } });
    const onlyRead = missingReads(mappingReads('invoice', only), schema)[0]!;
    expect(fixForMissingRead('invoice', only, onlyRead, schema, null)).toEqual({
      invoice: { fixedFilters: { invoiceNumber: 'IS NOT NULL' } },
    });
  });

  it('merges snippets into one file, replacing fixedFilters whole', () => {
    expect(
      mergeSnippets(
        { invoice: { fields: { number: ['reference'] }, fixedFilters: { a: 1 } } },
        { invoice: { fields: { amount: ['total'] }, fixedFilters: { b: 2 } } },
      ),
    ).toEqual({ invoice: { fields: { number: ['reference'], amount: ['total'] }, fixedFilters: { b: 2 } } });
  });
});

describe('suggestProperty', () => {
  const wide: SchemaDescription = {
    ...schema,
    properties: {
      label: prop('string'),
      createdOn: prop('string', 'date'),
      state: prop('string', null, ['open', 'closed']),
      count: prop('integer'),
      ...schema.properties,
    },
  };

  it('prefers the default mapping’s property when the schema has it', () => {
    expect(suggestProperty(wide, 'date field', [null, 'nope', 'confirmedAt'])).toBe('confirmedAt');
    expect(suggestProperty(wide, 'status field', ['status'])).toBe('status');
  });

  it('otherwise proposes the first property of the kind the role needs', () => {
    expect(suggestProperty(wide, 'date field', [])).toBe('createdOn');
    expect(suggestProperty(wide, 'field', [], 'settledAt')).toBe('createdOn');
    expect(suggestProperty(wide, 'status field', [])).toBe('state');
    expect(suggestProperty(wide, 'field', [], 'amount')).toBe('count');
    expect(suggestProperty({ ...wide, properties: { label: prop('string') } }, 'field', [], 'amount')).toBeNull();
    expect(suggestProperty({ ...wide, properties: { label: prop('string') } }, 'date field', [])).toBeNull();
    expect(suggestProperty({ ...wide, properties: { label: prop('string') } }, 'status field', [])).toBeNull();
  });

  it('proposes nothing for a field that is neither a number nor a date', () => {
    expect(suggestProperty(wide, 'field', [], 'title')).toBeNull();
    expect(suggestProperty(wide, 'field', [])).toBeNull();
  });
});

describe('mappingReads / fixForMissingRead, more', () => {
  it('names the date and status settings of a kind', () => {
    const reads = mappingReads('contract', DEFAULT_FIELD_MAPPING.contract as RecordMapping<string>);
    expect(reads).toContainEqual({ property: 'startDate', role: 'date field', setting: 'contract.dateField' });
    expect(reads).toContainEqual({ property: 'status', role: 'status field', setting: 'contract.statusField' });
    expect(reads.filter((r) => r.role === 'owner contact')).toEqual([]); // a contract has no contact owner
  });

  it("prefers Pipelinq's default date and status property over the first that would fit", () => {
    const both: SchemaDescription = {
      ...schema,
      properties: { createdOn: prop('string', 'date'), state: prop('string', null, ['a']), ...schema.properties },
    };
    const mapping = invoice({ dateField: 'datum', statusField: 'staat' });
    const read = (property: string) => missingReads(mappingReads('invoice', mapping), both).find((r) => r.property === property)!;
    expect(fixForMissingRead('invoice', mapping, read('datum'), both, null)).toEqual({ invoice: { dateField: 'confirmedAt' } });
    expect(fixForMissingRead('invoice', mapping, read('staat'), both, null)).toEqual({ invoice: { statusField: 'status' } });
  });

  it('repairs a portal field with the properties the schema has, else the defaults, else one of the right kind', () => {
    const fix = (fields: Record<string, string[]>, target: SchemaDescription, field: string) => {
      const mapping = invoice({ fields: { ...(DEFAULT_FIELD_MAPPING.invoice.fields as Record<string, string[]>), ...fields } });
      const read = missingReads(mappingReads('invoice', mapping), target).find((r) => r.field === field)!;
      return fixForMissingRead('invoice', mapping, read, target, null);
    };
    const local: SchemaDescription = {
      ...schema,
      properties: { kenmerk: prop('string'), korting: prop('number'), ...schema.properties },
    };
    // Keeps the mapped properties that exist, in order, even where Pipelinq's default exists too.
    expect(fix({ number: ['factuurNr', 'kenmerk'] }, local, 'number')).toEqual({
      invoice: { fields: { number: ['kenmerk'] } },
    });
    // None exists: Pipelinq's default properties that the schema has, before any other number.
    expect(fix({ amount: ['bedrag'] }, local, 'amount')).toEqual({ invoice: { fields: { amount: ['total'] } } });
    // Neither: the first property of the right kind, or nothing.
    const bare: SchemaDescription = { ...schema, properties: { label: prop('string'), bedragInclBtw: prop('number') } };
    expect(fix({ amount: ['bedrag'] }, bare, 'amount')).toEqual({ invoice: { fields: { amount: ['bedragInclBtw'] } } });
    expect(fix({ number: ['factuurNr'] }, bare, 'number')).toEqual({ invoice: { fields: { number: [] } } });
  });

  it('merges snippets: lists and null replace, objects merge, and a value replaces what was no object', () => {
    expect(mergeSnippets({ invoice: { fields: { amount: ['a', 'b'] } } }, { invoice: { fields: { amount: ['c'] } } })).toEqual({
      invoice: { fields: { amount: ['c'] } },
    });
    expect(
      mergeSnippets({ invoice: { owner: { client: 'klant', contact: 'persoon' } } }, { invoice: { owner: { contact: null } } }),
    ).toEqual({
      invoice: { owner: { client: 'klant', contact: null } },
    });
    expect(mergeSnippets({ invoice: null }, { invoice: { dateField: 'datum' } })).toEqual({ invoice: { dateField: 'datum' } });
    expect(mergeSnippets({ invoice: ['x'] }, { invoice: { dateField: 'datum' } })).toEqual({ invoice: { dateField: 'datum' } });
    expect(mergeSnippets({ invoice: { dateField: 'datum' } }, { invoice: ['x'] })).toEqual({ invoice: ['x'] });
    expect(mergeSnippets({ invoice: 'x' }, { invoice: { dateField: 'datum' } })).toEqual({ invoice: { dateField: 'datum' } });
    expect(mergeSnippets({ invoice: { dateField: 'datum' } }, { invoice: 'x' })).toEqual({ invoice: 'x' });
    expect(mergeSnippets({ invoice: { owner: { client: 'klant' } } }, { invoice: { owner: null } })).toEqual({
      invoice: { owner: null },
    });
  });
});

describe('suggestProperty, per portal field', () => {
  const kinds: SchemaDescription = {
    ...schema,
    properties: { label: prop('string'), bedrag: prop('number'), datum: prop('string', 'date-time') },
  };

  it('proposes a number for every money or count field and a date for every date field', () => {
    for (const field of NUMERIC_FIELDS) expect(suggestProperty(kinds, 'field', [], field), field).toBe('bedrag');
    for (const field of DATE_FIELDS) expect(suggestProperty(kinds, 'field', [], field), field).toBe('datum');
    expect(suggestProperty(kinds, 'date field', [])).toBe('datum');
  });
});
