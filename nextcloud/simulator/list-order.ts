import { compare, metadataValue } from './list-values.js';
import type { QueryValue } from './php-query.js';
import type { Json, SchemaProperty, SimObject, SimSchema } from './types.js';

/** `_order` in both its forms (§3.2 "Sort details"). */

/** Metadata columns usable in `_order` as `_x` or `@self.x`. */
const METADATA_SORTS = [
  'created',
  'updated',
  'name',
  'description',
  'summary',
  'uuid',
  'register',
  'schema',
  'owner',
  'organisation',
];

type SortKey = { get: (o: SimObject) => Json | undefined; prop: SchemaProperty | undefined; desc: boolean };

export function parseOrder(schema: SimSchema, raw: QueryValue | undefined): SortKey[] {
  let spec: Record<string, unknown> = {};
  if (typeof raw === 'string') {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) spec = parsed as Record<string, unknown>;
    } catch {
      spec = {};
    }
  } else if (raw && !Array.isArray(raw)) {
    spec = raw;
  }
  const keys: SortKey[] = [];
  for (const [field, direction] of Object.entries(spec)) {
    const desc = typeof direction === 'string' && direction.toUpperCase() === 'DESC';
    const meta = field.startsWith('@self.') ? field.slice(6) : field.startsWith('_') ? field.slice(1) : null;
    if (meta !== null && METADATA_SORTS.includes(meta)) {
      const prop: SchemaProperty | undefined =
        meta === 'created' || meta === 'updated'
          ? { type: 'string', format: 'date-time' }
          : meta === 'register' || meta === 'schema'
            ? { type: 'integer' }
            : undefined;
      const get =
        meta === 'register' || meta === 'schema'
          ? (o: SimObject) => Number(metadataValue(o, meta))
          : (o: SimObject) => metadataValue(o, meta);
      keys.push({ get, prop, desc });
    } else if (schema.properties[field]) {
      keys.push({ get: (o) => o.data[field], prop: schema.properties[field], desc });
    }
    // Anything else is silently ignored, as upstream does.
  }
  return keys;
}

export function sortRows(rows: SimObject[], keys: SortKey[]): SimObject[] {
  if (keys.length === 0) return rows;
  return [...rows].sort((a, b) => {
    for (const key of keys) {
      const va = key.get(a);
      const vb = key.get(b);
      const na = va === null || va === undefined;
      const nb = vb === null || vb === undefined;
      // PostgreSQL: NULLs sort as the largest value (last ascending, first descending).
      const c = na && nb ? 0 : na ? 1 : nb ? -1 : compare(key.prop, va, vb);
      if (c !== 0) return key.desc ? -c : c;
    }
    return 0;
  });
}
