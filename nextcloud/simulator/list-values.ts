import { objectName } from './render.js';
import type { Json, SchemaProperty, SimObject } from './types.js';

/** Value access and comparison shared by the list filters and the sort (SQL-like semantics). */

export function compare(prop: SchemaProperty | undefined, a: Json | undefined, b: Json | undefined): number {
  if (prop && (prop.format === 'date' || prop.format === 'date-time') && typeof a === 'string' && typeof b === 'string') {
    return Math.sign(Date.parse(a) - Date.parse(b)) || (a < b ? -1 : a > b ? 1 : 0);
  }
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function metadataValue(object: SimObject, field: string): Json | undefined {
  switch (field) {
    case 'register':
      return String(object.register);
    case 'schema':
      return String(object.schema);
    case 'uuid':
      return object.uuid;
    case 'name':
      return objectName(object);
    case 'description':
    case 'summary':
      return null;
    case 'organisation':
      return object.organisation;
    case 'owner':
      return object.owner;
    case 'application':
      return object.application;
    case 'created':
      return object.created;
    case 'updated':
      return object.updated;
    default:
      return undefined;
  }
}
