import { canRead } from './access.js';
import { buildFilters, searchPredicate } from './list-filters.js';
import { parseOrder, sortRows } from './list-order.js';
import { listParam, phpInt, type QueryMap } from './php-query.js';
import type { InstanceData, SimObject, SimRegister, SimSchema, SimUser } from './types.js';

/**
 * The list engine behind `GET /api/objects/{register}/{schema}` on the default database path
 * (§3.2–§3.5a). It returns the selected rows plus the pagination numbers; rendering happens
 * elsewhere. Without `_order` rows come back in insertion order: a simulator convenience only, the
 * real server promises no order, so clients must always send `_order`.
 */

export interface ListOutcome {
  rows: SimObject[];
  total: number;
  page: number | string;
  pages: number;
  limit: number;
  offset: number | string;
  ignoredFilters: string[];
  hint: string | null;
}

/** Control names people write without the underscore; they get a hint (gotcha 1). */
const BARE_CONTROLS = [
  'limit',
  'page',
  'offset',
  'order',
  'search',
  'extend',
  'fields',
  'filter',
  'unset',
  'ids',
  'empty',
  'sort',
  'facets',
];

export function runListQuery(
  data: InstanceData,
  register: SimRegister,
  schema: SimSchema,
  user: SimUser | null,
  query: QueryMap,
): ListOutcome {
  const multiFlag = query._multi ?? query.multi;
  const multi = !(typeof multiFlag === 'string' && ['false', '0'].includes(multiFlag.toLowerCase()));
  let rows = data.objects.filter(
    (o) => o.register === register.id && o.schema === schema.id && canRead(data, user, schema, o, multi),
  );

  const ids = listParam(query._ids);
  if (query._ids !== undefined) {
    const wanted = new Set(ids);
    rows = rows.filter((o) => wanted.has(o.uuid) || (o.slug !== null && wanted.has(o.slug)));
  }
  const ignoredFilters: string[] = [];
  const predicates = buildFilters(schema, query, ignoredFilters);
  if (typeof query._search === 'string' && query._search.trim() !== '')
    predicates.push(searchPredicate(schema, query._search.trim()));
  rows = ignoredFilters.length > 0 ? [] : rows.filter((o) => predicates.every((p) => p(o)));
  rows = sortRows(rows, parseOrder(schema, query._order));

  const total = rows.length;
  const limit = Math.max(0, query._limit === undefined ? 20 : phpInt(query._limit));
  const hasPage = query._page !== undefined;
  const hasOffset = query._offset !== undefined;
  let page: number | string = 1;
  let offset: number | string = 0;
  let skip = 0;
  if (hasPage && !hasOffset) {
    page = Math.max(1, phpInt(query._page));
    offset = skip = (page - 1) * limit;
  } else if (hasOffset) {
    // The offset is echoed as received (a string); with both present `page` is echoed as sent.
    offset = typeof query._offset === 'string' ? query._offset : phpInt(query._offset);
    skip = Math.max(0, phpInt(query._offset));
    if (hasPage) page = typeof query._page === 'string' ? query._page : 1;
    else if (limit > 0) page = Math.floor(skip / limit) + 1;
  }
  const pages = limit > 0 ? Math.max(1, Math.ceil(total / limit)) : 0;
  const bare = ignoredFilters.filter((f) => BARE_CONTROLS.includes(f));
  const hint =
    bare.length === 0
      ? null
      : `Query returned 0 results because ${bare.map((f) => `'${f}'`).join(', ')} was read as a property filter and no such property exists. ` +
        `Control parameters start with an underscore: use ${bare.map((f) => `'_${f}'`).join(', ')} instead.`;
  return { rows: limit === 0 ? [] : rows.slice(skip, skip + limit), total, page, pages, limit, offset, ignoredFilters, hint };
}
