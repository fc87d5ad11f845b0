import type { Json, JsonObject, SchemaProperty, SimSchema } from './types.js';

/**
 * Incoming object bodies: cleaned the way OpenRegister's save path cleans them (§7) and checked
 * against the schema. A failure is a message for the 400 "bare JSON string" answer.
 *
 * OpenRegister validates only schemas with `hardValidation` on; the simulated schemas say so
 * (entities.ts), so the portal is held to the strictest tenant. Properties a schema does not
 * declare are kept, not refused: OpenRegister's validation schema (`Schema::getSchemaObject`)
 * sets no `additionalProperties: false`, and JSON Schema then allows them.
 */

/** Drops `_x`, `@x` (including `@self`), `id`, `uuid`, `register`, `schema`: metadata, not data. */
export function cleanIncoming(body: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('_') || key.startsWith('@') || ['id', 'uuid', 'register', 'schema'].includes(key)) continue;
    out[key] = value as Json;
  }
  return out;
}

/**
 * The SchemaTypeConverter step: form-style strings become the declared scalar types, and a
 * date-time sent for a `date` property is cut to its day (OpenRegister's normalizeDateValues).
 */
function coerce(prop: SchemaProperty, value: Json): Json {
  if (typeof value !== 'string') return value;
  if ((prop.type === 'number' || prop.type === 'integer') && value.trim() !== '' && !Number.isNaN(Number(value)))
    return Number(value);
  if (prop.type === 'boolean' && ['true', 'false', '1', '0'].includes(value)) return value === 'true' || value === '1';
  if (prop.format === 'date' && /^\d{4}-\d\d-\d\d[T ]/.test(value)) return value.slice(0, 10);
  return value;
}

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  date: /^\d{4}-\d\d-\d\d$/,
  'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i,
  email: /^[^\s@]+@[^\s@]+$/,
  uri: /^[a-z][a-z0-9+.-]*:\S+$/i,
};

function hasType(type: SchemaProperty['type'], value: Json): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    default:
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

/**
 * The first way `value` breaks `prop` (type, enum, length, minimum, format, and the same for array
 * items and nested object properties), or null. Null counts as "not given", as the save path does.
 * An empty string skips the format check: OpenRegister stores "" for a cleared optional field.
 */
function violation(path: string, prop: SchemaProperty, value: Json): string | null {
  if (value === null) return null;
  if (!hasType(prop.type, value)) return `The property '${path}' must be of type ${prop.type}`;
  if (prop.enum && typeof value === 'string' && !prop.enum.includes(value))
    return `The property '${path}' must be one of: ${prop.enum.join(', ')}`;
  if (prop.maxLength !== undefined && typeof value === 'string' && value.length > prop.maxLength)
    return `The property '${path}' may be at most ${prop.maxLength} characters`;
  if (prop.minimum !== undefined && typeof value === 'number' && value < prop.minimum)
    return `The property '${path}' must be at least ${prop.minimum}`;
  const format = prop.format ? FORMATS[prop.format] : undefined;
  if (format && typeof value === 'string' && value !== '' && !format.test(value))
    return `The property '${path}' must be a valid ${prop.format}`;
  if (Array.isArray(value) && prop.items) {
    for (const [i, item] of value.entries()) {
      const error = violation(`${path}[${i}]`, prop.items as SchemaProperty, item);
      if (error) return error;
    }
  }
  const nested = (prop as { properties?: Record<string, SchemaProperty> }).properties;
  if (nested && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const error = nested[key] ? violation(`${path}.${key}`, nested[key], inner) : null;
      if (error) return error;
    }
  }
  return null;
}

/** Returns the typed data, or an error message. `applyDefaults` on create only. */
export function validateObject(
  schema: SimSchema,
  data: JsonObject,
  applyDefaults: boolean,
): { ok: true; data: JsonObject } | { ok: false; message: string } {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(data)) {
    const prop = schema.properties[key];
    out[key] = prop ? coerce(prop, value) : value;
  }
  if (applyDefaults) {
    for (const [key, prop] of Object.entries(schema.properties)) {
      if (out[key] === undefined && prop.default !== undefined) out[key] = structuredClone(prop.default);
    }
  }
  for (const key of schema.required) {
    if (out[key] === undefined || out[key] === null || out[key] === '')
      return { ok: false, message: `Validation failed: the required property '${key}' is missing` };
  }
  for (const [key, value] of Object.entries(out)) {
    const prop = schema.properties[key];
    const error = prop ? violation(key, prop, value) : null;
    if (error) return { ok: false, message: `Validation failed: ${error}` };
  }
  return { ok: true, data: out };
}
