import { BadUserInputError } from '../core/errors.js';
import type { FilterOperators, FilterValue, ObjectQuery, SortDirection } from './types.js';

/**
 * Builds OpenRegister list query strings (reference §3.2). The rules that matter:
 * - control parameters carry the `_` prefix; a bare `limit` is read as a property filter and
 *   silently empties the result;
 * - `_limit` is always explicit (the magic-mapped path returns every row without it);
 * - `_order` is always sent and ends in a unique key, because the server has no default order and
 *   paging without one skips and repeats rows.
 */

/** Metadata sort keys OpenRegister understands in their underscore form. */
const META_SORT_KEYS = new Set([
  '_created',
  '_updated',
  '_name',
  '_description',
  '_summary',
  '_uuid',
  '_register',
  '_schema',
  '_owner',
  '_organisation',
]);

/**
 * camelCase properties, optionally dotted (nested) or `@self.`-prefixed metadata. Underscores are
 * refused: PHP turns them into nesting, so such a filter would silently mean something else.
 */
const FIELD_PATTERN = /^(?:@self\.)?[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*$/;

/** `_extend` values: special `_x`/`@self.x` names or a relation property (reference §3.2). */
const EXTEND_PATTERN = /^(?:@self\.|_)?[A-Za-z][A-Za-z0-9]*$/;

/** These literals are null checks upstream; as a user-supplied value they would change the query. */
const NULL_LITERAL = /^\s*IS\s+(?:NOT\s+)?NULL\s*$/i;

export const DEFAULT_ORDER: ReadonlyArray<readonly [string, SortDirection]> = [
  ['_created', 'asc'],
  ['_uuid', 'asc'],
];

function assertField(field: string): void {
  if (!FIELD_PATTERN.test(field)) throw new Error(`Invalid OpenRegister field name: ${field}`);
}

function scalar(value: string | number | boolean): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new BadUserInputError('A filter value is not a valid number.');
  }
  const text = String(value);
  if (NULL_LITERAL.test(text)) throw new BadUserInputError('A filter value is not supported.');
  return text;
}

/** Only asked after the `null` (IS NULL) case, so no separate null check. */
function isOperators(value: Exclude<FilterValue, null>): value is FilterOperators {
  return typeof value === 'object' && !Array.isArray(value);
}

function appendFilter(params: URLSearchParams, field: string, value: FilterValue): void {
  assertField(field);
  if (value === null) {
    params.append(field, 'IS NULL');
  } else if (Array.isArray(value)) {
    for (const item of value) params.append(`${field}[]`, scalar(item));
  } else if (isOperators(value)) {
    let used = false;
    for (const op of ['gte', 'lte', 'gt', 'lt'] as const) {
      const bound = value[op];
      if (bound === undefined) continue;
      params.append(`${field}[${op}]`, scalar(bound));
      used = true;
    }
    if (value.notNull) {
      params.append(field, 'IS NOT NULL');
      used = true;
    }
    if (!used) throw new Error(`Empty filter operator object for ${field}`);
  } else {
    params.append(field, scalar(value));
  }
}

/** The caller's order plus a `_uuid` tie-breaker, or `_created asc, _uuid asc` by default. */
export function stableOrder(order: ObjectQuery['order']): Array<readonly [string, SortDirection]> {
  const result: Array<readonly [string, SortDirection]> = [];
  for (const [field, direction] of order ?? []) {
    if (!META_SORT_KEYS.has(field)) assertField(field);
    if (direction !== 'asc' && direction !== 'desc') throw new Error(`Invalid sort direction for ${field}`);
    result.push([field, direction]);
  }
  if (result.length === 0) return [...DEFAULT_ORDER];
  const hasTieBreaker = result.some(([field]) => field === '_uuid' || field === '@self.id');
  if (!hasTieBreaker) result.push(['_uuid', 'asc']);
  return result;
}

/** True when the query cannot match anything (an empty IN list), so no call is needed. */
export function matchesNothing(query: Pick<ObjectQuery, 'filters'>): boolean {
  return Object.values(query.filters ?? {}).some((value) => Array.isArray(value) && value.length === 0);
}

function assertCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new Error(`Invalid ${name}: ${value}`);
}

export function buildListParams(query: ObjectQuery, extra: { ids?: readonly string[] } = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [field, value] of Object.entries(query.filters ?? {})) {
    if (value !== undefined) appendFilter(params, field, value);
  }
  const search = query.search?.trim();
  if (search) params.set('_search', search);
  if (extra.ids) params.set('_ids', extra.ids.join(','));
  if (query.extend?.length) {
    for (const value of query.extend) if (!EXTEND_PATTERN.test(value)) throw new Error(`Invalid _extend value: ${value}`);
    params.set('_extend', query.extend.join(','));
  }

  assertCount('limit', query.limit, 0);
  params.set('_limit', String(query.limit));
  if (query.offset !== undefined) {
    assertCount('offset', query.offset, 0);
    params.set('_offset', String(query.offset));
  } else {
    const page = query.page ?? 1;
    assertCount('page', page, 1);
    params.set('_page', String(page));
  }

  for (const [field, direction] of stableOrder(query.order)) params.append(`_order[${field}]`, direction);
  return params;
}
