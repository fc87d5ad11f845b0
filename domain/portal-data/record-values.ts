import type { NcObject } from '../../nextcloud/types.js';

/**
 * Reading loosely typed OpenRegister properties. Values arrive as the schema declares them, but
 * older data and other Pipelinq versions store references as `{id}`/`{uuid}`/`{value}` objects,
 * numbers as strings, and dates with or without an offset; these helpers accept all of them.
 */

type Row = Record<string, unknown>;

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/** The first non-empty value among `fields`. */
export function firstValue(row: Row, fields: readonly string[]): unknown {
  for (const field of fields) {
    const value = row[field];
    if (!isEmpty(value)) return value;
  }
  return null;
}

export function text(row: Row, fields: readonly string[]): string | null {
  const value = firstValue(row, fields);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

export function num(row: Row, fields: readonly string[]): number | null {
  const value = firstValue(row, fields);
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

export function bool(row: Row, fields: readonly string[]): boolean | null {
  const value = firstValue(row, fields);
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0) return false;
  return null;
}

/** A date-time or a date (`YYYY-MM-DD` is read as midnight UTC). Unparseable values are null. */
export function date(row: Row, fields: readonly string[]): Date | null {
  return parseDate(firstValue(row, fields));
}

export function parseDate(value: unknown): Date | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

export function list(row: Row, fields: readonly string[]): Row[] {
  const value = firstValue(row, fields);
  return Array.isArray(value)
    ? value.filter((item): item is Row => typeof item === 'object' && item !== null && !Array.isArray(item))
    : [];
}

/** The uuid a reference property points at, whatever shape it is stored in. */
export function referenceOf(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const ref = value as { id?: unknown; uuid?: unknown; value?: unknown };
    for (const candidate of [ref.id, ref.uuid, ref.value])
      if (typeof candidate === 'string' && candidate !== '') return candidate;
  }
  return null;
}

export function reference(object: NcObject, field: string): string | null {
  return referenceOf(object[field]);
}
