import type { FilterOperators, FilterValue, NcObject } from '../../nextcloud/types.js';
import { referenceOf } from './record-values.js';

/**
 * OpenRegister's filter semantics (reference nextcloud-api §3.2) applied to a row in memory, so a
 * row the planner fetched for another list, a detail fetched by id and every re-check before a
 * record leaves the gateway follow exactly the rules the upstream query used: equality, one-of,
 * IS NULL (`null`) and IS NOT NULL (`{notNull: true}`). References stored as `{id}`/`{uuid}`
 * objects compare by their uuid; empty strings count as missing, as OpenRegister strips them.
 */
export function rowMeets(row: NcObject, field: string, wanted: FilterValue): boolean {
  return valueMeets(row[field], wanted);
}

/** The same semantics for one stored value (a property, or a value about to be sent as a filter). */
export function valueMeets(value: unknown, wanted: FilterValue): boolean {
  const stored = comparable(value);
  if (wanted === null) return stored === null;
  // A missing value meets no other condition: no equality, no one-of, no IS NOT NULL, no range.
  if (stored === null) return false;
  if (Array.isArray(wanted)) return wanted.map(String).includes(stored);
  // IS NOT NULL is an operator object without bounds, which every present value meets.
  if (typeof wanted === 'object') return meetsRange(stored, wanted);
  return stored === String(wanted);
}

export function rowMeetsAll(row: NcObject, filters: Record<string, FilterValue>): boolean {
  return Object.entries(filters).every(([field, wanted]) => rowMeets(row, field, wanted));
}

/** referenceOf already counts undefined, null and '' as missing. */
function comparable(value: unknown): string | null {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return referenceOf(value);
}

function meetsRange(stored: string, range: FilterOperators): boolean {
  const value =
    Number.isFinite(Number(stored)) && typeof (range.gte ?? range.lte ?? range.gt ?? range.lt) === 'number'
      ? Number(stored)
      : stored;
  if (range.gte !== undefined && value < range.gte) return false;
  if (range.lte !== undefined && value > range.lte) return false;
  if (range.gt !== undefined && value <= range.gt) return false;
  if (range.lt !== undefined && value >= range.lt) return false;
  return true;
}
