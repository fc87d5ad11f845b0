import type { Json, JsonObject, SchemaProperty, SimSchema } from './types.js';

/**
 * Incoming object bodies: cleaned the way OpenRegister's save path cleans them (§7) and checked
 * against the schema. A failure is a message for the 400 "bare JSON string" answer.
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

/** The SchemaTypeConverter step: form-style strings become the declared scalar types. */
function coerce(prop: SchemaProperty, value: Json): Json {
  if (typeof value !== 'string') return value;
  if ((prop.type === 'number' || prop.type === 'integer') && value.trim() !== '' && !Number.isNaN(Number(value)))
    return Number(value);
  if (prop.type === 'boolean' && ['true', 'false', '1', '0'].includes(value)) return value === 'true' || value === '1';
  return value;
}

function typeError(key: string, prop: SchemaProperty, value: Json): string | null {
  if (value === null) return null;
  const ok =
    prop.type === 'string'
      ? typeof value === 'string'
      : prop.type === 'number'
        ? typeof value === 'number' && Number.isFinite(value)
        : prop.type === 'integer'
          ? Number.isInteger(value)
          : prop.type === 'boolean'
            ? typeof value === 'boolean'
            : prop.type === 'array'
              ? Array.isArray(value)
              : typeof value === 'object' && !Array.isArray(value);
  if (!ok) return `The property '${key}' must be of type ${prop.type}`;
  if (prop.enum && typeof value === 'string' && !prop.enum.includes(value))
    return `The property '${key}' must be one of: ${prop.enum.join(', ')}`;
  if (prop.maxLength !== undefined && typeof value === 'string' && value.length > prop.maxLength)
    return `The property '${key}' may be at most ${prop.maxLength} characters`;
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
    const error = prop ? typeError(key, prop, value) : null;
    if (error) return { ok: false, message: `Validation failed: ${error}` };
  }
  return { ok: true, data: out };
}
