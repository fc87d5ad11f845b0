import { compare, metadataValue } from './list-values.js';
import type { QueryMap, QueryValue } from './php-query.js';
import { objectName } from './render.js';
import type { Json, SchemaProperty, SimObject, SimSchema } from './types.js';

/** Property and metadata filters and `_search` of the list endpoint (§3.2). */

/** Metadata columns filterable by their bare name (they go to `@self`, §3.2). */
const METADATA_FILTERS = ['register', 'schema', 'uuid', 'organisation', 'owner', 'application', 'created', 'updated'];
/** Access flags read from the query string; they are not property filters. */
const ACCESS_FLAGS = ['rbac', 'multi', 'deleted', 'requesttoken'];

type Condition =
  | { kind: 'eq'; value: string }
  | { kind: 'in'; values: string[] }
  | { kind: 'null'; negate: boolean }
  | { kind: 'range'; op: 'gte' | 'lte' | 'gt' | 'lt'; value: string };

function isList(value: QueryValue): value is QueryValue[] | { [k: string]: QueryValue } {
  return typeof value !== 'string' && (Array.isArray(value) || Object.keys(value).every((k) => /^\d+$/.test(k)));
}

function strings(value: QueryValue): string[] {
  if (typeof value === 'string') return value.split(',').map((s) => s.trim());
  return Object.values(value).filter((v): v is string => typeof v === 'string');
}

/** `x=v`, `x[]=a&x[]=b`, `x[gte]=1&x[lt]=5`, `x[in][]=a`, `x=IS NULL` → a list of conditions. */
function conditionsOf(value: QueryValue, allowRanges: boolean): Condition[] {
  if (typeof value === 'string') {
    const upper = value.trim().toUpperCase();
    if (upper === 'IS NULL' || upper === 'IS NOT NULL') return [{ kind: 'null', negate: upper === 'IS NOT NULL' }];
    return [{ kind: 'eq', value }];
  }
  if (isList(value)) return [{ kind: 'in', values: strings(value) }];
  const out: Condition[] = [];
  for (const [op, operand] of Object.entries(value as { [key: string]: QueryValue })) {
    if (op === 'in') out.push({ kind: 'in', values: strings(operand) });
    // Metadata has no range operators upstream; they are dropped there, so they are here too.
    else if (allowRanges && (op === 'gte' || op === 'lte' || op === 'gt' || op === 'lt') && typeof operand === 'string')
      out.push({ kind: 'range', op, value: operand });
  }
  return out;
}

function scalarEquals(prop: SchemaProperty | undefined, stored: Json | undefined, wanted: string): boolean {
  if (stored === null || stored === undefined) return false;
  if (typeof stored === 'number') return wanted.trim() !== '' && Number(wanted) === stored;
  if (typeof stored === 'boolean') return stored === ['1', 'true'].includes(wanted.toLowerCase());
  if (typeof stored === 'object' && !Array.isArray(stored)) return prop?.type === 'object' && stored.value === wanted;
  return String(stored) === wanted;
}

function equals(prop: SchemaProperty | undefined, stored: Json | undefined, wanted: string): boolean {
  // Array properties hold when the JSON array contains the value (contains-any for lists).
  if (Array.isArray(stored)) return stored.some((item) => scalarEquals(undefined, item, wanted));
  return scalarEquals(prop, stored, wanted);
}

function holds(prop: SchemaProperty | undefined, stored: Json | undefined, condition: Condition): boolean {
  switch (condition.kind) {
    case 'null': {
      const isNull = stored === null || stored === undefined;
      return condition.negate ? !isNull : isNull;
    }
    case 'eq':
      return equals(prop, stored, condition.value);
    case 'in':
      return condition.values.some((v) => equals(prop, stored, v));
    case 'range': {
      if (stored === null || stored === undefined) return false;
      const wanted: Json = prop?.type === 'number' || prop?.type === 'integer' ? Number(condition.value) : condition.value;
      const c = compare(prop, stored, wanted);
      return condition.op === 'gte' ? c >= 0 : condition.op === 'lte' ? c <= 0 : condition.op === 'gt' ? c > 0 : c < 0;
    }
  }
}

export type Predicate = (object: SimObject) => boolean;

export function buildFilters(schema: SimSchema, query: QueryMap, ignored: string[]): Predicate[] {
  const predicates: Predicate[] = [];
  const addMetadata = (field: string, value: QueryValue) => {
    const conditions = conditionsOf(value, false);
    const metaProp: SchemaProperty | undefined =
      field === 'created' || field === 'updated' ? { type: 'string', format: 'date-time' } : undefined;
    predicates.push((o) => conditions.every((c) => holds(metaProp, metadataValue(o, field), c)));
  };
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith('_') || ACCESS_FLAGS.includes(key)) continue;
    if (key === '@self' && typeof value !== 'string' && !Array.isArray(value)) {
      for (const [field, inner] of Object.entries(value)) addMetadata(field, inner);
    } else if (key.startsWith('@self.') || key.startsWith('@self_')) {
      addMetadata(key.slice(6), value);
    } else if (METADATA_FILTERS.includes(key)) {
      addMetadata(key, value);
    } else if (schema.properties[key]) {
      const prop = schema.properties[key];
      const conditions = conditionsOf(value, true);
      predicates.push((o) => conditions.every((c) => holds(prop, o.data[key], c)));
    } else {
      // Unknown property: the real query adds `1 = 0` and reports the name.
      ignored.push(key);
    }
  }
  return predicates;
}

export function searchPredicate(schema: SimSchema, term: string): Predicate {
  const needle = term.toLowerCase();
  const fields = Object.entries(schema.properties)
    .filter(([, p]) => p.type === 'string' && !['date', 'date-time', 'time'].includes(p.format ?? ''))
    .map(([k]) => k);
  return (o) =>
    objectName(o).toLowerCase().includes(needle) ||
    fields.some((f) => typeof o.data[f] === 'string' && (o.data[f] as string).toLowerCase().includes(needle));
}
