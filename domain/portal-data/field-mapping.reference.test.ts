import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { DEFAULT_FIELD_MAPPING, RECORD_KINDS } from './field-mapping.js';

/**
 * The default mapping may read only what Pipelinq really stores: every property it names must be in
 * the machine-readable copy of the reference (nextcloud/reference/pipelinq-schemas.json), which the
 * simulator serves too. A property invented on both sides is how a real tenant once saw no invoices.
 */

interface ReferenceProperty {
  type: string;
  items?: { properties?: Record<string, unknown> };
  assumedItemKeys?: string[];
}
interface ReferenceSchema {
  required: string[];
  properties: Record<string, ReferenceProperty>;
}

const reference = JSON.parse(
  readFileSync(new URL('../../nextcloud/reference/pipelinq-schemas.json', import.meta.url), 'utf8'),
) as {
  schemas: Record<string, ReferenceSchema>;
};

const propertiesOf = (resource: string): string[] => {
  const schema = reference.schemas[resource];
  if (!schema) throw new Error(`the reference has no schema '${resource}'`);
  return Object.keys(schema.properties);
};

/** Keys the reference gives (or, for object[] without a shape, assumes) inside a list property's items. */
const itemKeysOf = (resource: string, property: string): string[] => {
  const definition = reference.schemas[resource]?.properties[property];
  return [...Object.keys(definition?.items?.properties ?? {}), ...(definition?.assumedItemKeys ?? [])];
};

describe('the default field mapping against the reference schemas', () => {
  it.each(RECORD_KINDS)('reads only real %s properties', (kind) => {
    const mapping = DEFAULT_FIELD_MAPPING[kind];
    const known = propertiesOf(mapping.resource);
    const read = [
      ...Object.keys(mapping.fixedFilters),
      mapping.owner.client,
      ...(mapping.owner.contact ? [mapping.owner.contact] : []),
      mapping.dateField,
      mapping.statusField,
      ...Object.values(mapping.fields).flat(),
    ];
    expect(read.filter((property) => !known.includes(property))).toEqual([]);
  });

  it('offers as statuses exactly the enum of each schema', () => {
    for (const kind of RECORD_KINDS) {
      const mapping = DEFAULT_FIELD_MAPPING[kind];
      const enumValues = (reference.schemas[mapping.resource]!.properties[mapping.statusField] as { enum?: string[] }).enum;
      // Drafts are never an invoice or order; every other value of the enum is offered.
      expect([...mapping.statuses, ...(mapping.resource === 'posTransaction' ? ['draft'] : [])].sort()).toEqual(
        [...(enumValues ?? [])].sort(),
      );
    }
  });

  it('reads people and the category catalogue from real properties', () => {
    const { client, contact, requestCategory, note } = DEFAULT_FIELD_MAPPING;
    expect([...client.name, ...client.type].filter((p) => !propertiesOf(client.resource).includes(p))).toEqual([]);
    expect(contact.name.filter((p) => !propertiesOf(contact.resource).includes(p))).toEqual([]);
    const categoryProperties = propertiesOf(requestCategory!.resource);
    expect([requestCategory!.name, requestCategory!.exposeToCustomer].filter((p) => !categoryProperties.includes(p))).toEqual([]);
    const written = Object.values(DEFAULT_FIELD_MAPPING.portalRequest!);
    expect(written.filter((p) => !propertiesOf('request').includes(p))).toEqual([]);
    const noteKeys = itemKeysOf('request', 'notes');
    expect([note.visibility, note.author, note.message, note.createdAt].filter((k) => !noteKeys.includes(k))).toEqual([]);
  });

  it('reads line and tax entries only with keys the reference gives or documents as assumed', () => {
    const { line, taxLine } = DEFAULT_FIELD_MAPPING;
    const lineKeys = [...itemKeysOf('posTransaction', 'invoiceBreakdown'), ...itemKeysOf('contract', 'lineItems')];
    expect(
      Object.values(line)
        .flat()
        .filter((key) => !lineKeys.includes(key)),
    ).toEqual([]);
    const taxKeys = itemKeysOf('posTransaction', 'taxBreakdown');
    expect(
      Object.values(taxLine)
        .flat()
        .filter((key) => !taxKeys.includes(key)),
    ).toEqual([]);
  });
});
