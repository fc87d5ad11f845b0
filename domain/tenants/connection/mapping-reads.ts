import {
  DEFAULT_FIELD_MAPPING,
  type PortalFieldMapping,
  type RecordKind,
  type RecordMapping,
} from '../../portal-data/field-mapping.js';
import type { SchemaDescription } from '../../../nextcloud/types.js';

/**
 * Which properties a record kind's mapping reads, and the smallest field-mapping change that points a
 * setting at a property the live schema has. The fixes prefer Pipelinq's default when the schema has
 * it, then a property of the right shape; when nothing fits they say so instead of guessing.
 */

export type ReadRole = 'fixed filter' | 'owner client' | 'owner contact' | 'date field' | 'status field' | 'field';

export interface MappingRead {
  property: string;
  role: ReadRole;
  /** Where the mapping names it, e.g. `invoice.fields.amount` or `contract.owner.client`. */
  setting: string;
  /** For `field`: the portal field (`amount`, `number`, …). */
  field?: string;
}

export function mappingReads(kind: RecordKind, mapping: RecordMapping<string>): MappingRead[] {
  const reads: MappingRead[] = [];
  for (const property of Object.keys(mapping.fixedFilters)) {
    reads.push({ property, role: 'fixed filter', setting: `${kind}.fixedFilters.${property}` });
  }
  reads.push({ property: mapping.owner.client, role: 'owner client', setting: `${kind}.owner.client` });
  if (mapping.owner.contact) {
    reads.push({ property: mapping.owner.contact, role: 'owner contact', setting: `${kind}.owner.contact` });
  }
  reads.push({ property: mapping.dateField, role: 'date field', setting: `${kind}.dateField` });
  reads.push({ property: mapping.statusField, role: 'status field', setting: `${kind}.statusField` });
  for (const [field, properties] of Object.entries(mapping.fields) as Array<[string, string[]]>) {
    for (const property of properties) reads.push({ property, role: 'field', setting: `${kind}.fields.${field}`, field });
  }
  return reads;
}

/** The reads whose property the schema does not declare (OpenRegister would ignore or drop them). */
export function missingReads(reads: MappingRead[], schema: SchemaDescription): MappingRead[] {
  return reads.filter((read) => !(read.property in schema.properties));
}

const has = (schema: SchemaDescription, property: string | null | undefined): property is string =>
  typeof property === 'string' && property in schema.properties;

type PropertyDescription = SchemaDescription['properties'][string];

const isDate = (property: PropertyDescription) => property.format === 'date' || property.format === 'date-time';
const isNumber = (property: PropertyDescription) => property.type === 'number' || property.type === 'integer';
const hasValues = (property: PropertyDescription) => (property.enum ?? []).length > 0;

/** Portal fields that hold money or counts: their source must be a number. */
export const NUMERIC_FIELDS = new Set(['amount', 'subtotal', 'discount', 'tax', 'value', 'noticePeriodDays']);
/** Portal fields that hold dates: their source must parse as one. */
export const DATE_FIELDS = new Set(['date', 'startDate', 'endDate', 'settledAt', 'refundedAt']);

/** A property of the schema that suits a role, preferring the default mapping's choice. */
export function suggestProperty(
  schema: SchemaDescription,
  role: ReadRole,
  preferred: Array<string | null | undefined>,
  field?: string,
): string | null {
  for (const property of preferred) if (has(schema, property)) return property;
  const first = (fits: (property: PropertyDescription) => boolean) =>
    Object.entries(schema.properties).find(([, property]) => fits(property))?.[0] ?? null;
  if (role === 'date field' || (field && DATE_FIELDS.has(field))) return first(isDate);
  if (role === 'status field') return first(hasValues);
  if (field && NUMERIC_FIELDS.has(field)) return first(isNumber);
  return null;
}

/**
 * The field-mapping snippet that repairs one missing read. `ownerCandidate` is a property whose
 * sampled values turned out to be client uuids (found by the owner check), when there is one.
 */
export function fixForMissingRead(
  kind: RecordKind,
  mapping: RecordMapping<string>,
  read: MappingRead,
  schema: SchemaDescription,
  ownerCandidate: string | null,
): Record<string, unknown> | null {
  const defaults = DEFAULT_FIELD_MAPPING[kind] as RecordMapping<string>;
  switch (read.role) {
    case 'fixed filter': {
      // Keep the conditions the schema can answer; fall back to the default conditions when all of them fit.
      const kept = Object.fromEntries(Object.entries(mapping.fixedFilters).filter(([key]) => has(schema, key)));
      const defaultFits = Object.keys(defaults.fixedFilters).every((key) => has(schema, key));
      const fixedFilters = Object.keys(kept).length === 0 && defaultFits ? defaults.fixedFilters : kept;
      return { [kind]: { fixedFilters } };
    }
    case 'owner client': {
      const property = ownerCandidate ?? suggestProperty(schema, read.role, [defaults.owner.client]);
      return property ? { [kind]: { owner: { client: property } } } : null;
    }
    case 'owner contact': {
      const property = suggestProperty(schema, read.role, [defaults.owner.contact]);
      return { [kind]: { owner: { contact: property } } };
    }
    case 'date field': {
      const property = suggestProperty(schema, read.role, [defaults.dateField]);
      return property ? { [kind]: { dateField: property } } : null;
    }
    case 'status field': {
      const property = suggestProperty(schema, read.role, [defaults.statusField]);
      return property ? { [kind]: { statusField: property } } : null;
    }
    case 'field': {
      const field = read.field!;
      const current = (mapping.fields as Record<string, string[]>)[field] ?? [];
      let next = current.filter((p) => has(schema, p));
      if (next.length === 0) next = ((defaults.fields as Record<string, string[]>)[field] ?? []).filter((p) => has(schema, p));
      if (next.length === 0) {
        const suggestion = suggestProperty(schema, read.role, [], field);
        next = suggestion ? [suggestion] : [];
      }
      return { [kind]: { fields: { [field]: next } } };
    }
  }
}

/** Deep-merges snippets (objects merge, everything else replaces), for one combined file. */
export function mergeSnippets(base: Record<string, unknown>, snippet: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(snippet)) {
    const current = out[key];
    out[key] = isRecord(value) && isRecord(current) && key !== 'fixedFilters' ? mergeSnippets(current, value) : value;
  }
  return out;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export type { PortalFieldMapping };
