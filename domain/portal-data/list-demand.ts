import type { FilterValue, NcObject, ObjectQuery } from '../../nextcloud/types.js';
import { parseDate } from './record-values.js';
import { rowMeetsAll, valueMeets } from './row-filters.js';

/**
 * One list a resolver needs from one upstream resource, in terms the planner can either send
 * upstream as it is or answer from rows it already fetched for another list. Both paths must give
 * the same answer, so the in-memory evaluation below mirrors the upstream semantics: equality and
 * IN on properties, inclusive date ranges, newest first with missing dates first (PostgreSQL's
 * DESC NULLS FIRST) and the uuid as tie-breaker (the connector always adds `_uuid asc`).
 */

export type ListWindow = { offset: number; limit: number } | 'all';

export interface ListDemand {
  resource: string;
  /** Disjoint owner conditions; a row belongs to the viewer when it meets any of them. */
  ownerSets: Array<Record<string, FilterValue>>;
  /** Upstream form (field-mapping `upstreamFixedFilters`). */
  fixedFilters: Record<string, FilterValue>;
  statusField: string;
  statuses: string[] | null;
  dateField: string;
  from: Date | null;
  to: Date | null;
  /** Upstream `_search`; demands with a search are always answered upstream. */
  search: string | null;
  window: ListWindow;
  extendFiles: boolean;
}

export interface ListOutcome {
  rows: NcObject[];
  total: number;
}

export const FILES_EXTEND = ['@self.files'] as const;

/** A stable identity for a demand: equal demands in one request are fetched once. */
export function demandKey(demand: ListDemand): string {
  return JSON.stringify([
    demand.resource,
    demand.ownerSets,
    demand.fixedFilters,
    demand.statusField,
    demand.statuses,
    demand.dateField,
    demand.from?.toISOString() ?? null,
    demand.to?.toISOString() ?? null,
    demand.search,
    demand.window,
    demand.extendFiles,
  ]);
}

/** The upstream filters of a demand for one of its owner sets. */
export function upstreamFilters(demand: ListDemand, ownerSet: Record<string, FilterValue>): Record<string, FilterValue> {
  const filters: Record<string, FilterValue> = { ...demand.fixedFilters, ...ownerSet };
  if (demand.statuses) {
    // A status filter narrows a fixed status condition (orders are the non-draft transactions); it
    // never widens it.
    const fixed = demand.fixedFilters[demand.statusField];
    const allowed = fixed === undefined ? demand.statuses : demand.statuses.filter((status) => valueMeets(status, fixed));
    filters[demand.statusField] = allowed.length === 1 ? allowed[0]! : allowed;
  }
  if (demand.from || demand.to) {
    filters[demand.dateField] = {
      ...(demand.from ? { gte: demand.from.toISOString() } : {}),
      ...(demand.to ? { lte: demand.to.toISOString() } : {}),
    };
  }
  return filters;
}

export function upstreamQuery(
  demand: ListDemand,
  ownerSet: Record<string, FilterValue>,
  page: { offset: number; limit: number },
): ObjectQuery {
  return {
    filters: upstreamFilters(demand, ownerSet),
    ...(demand.search ? { search: demand.search } : {}),
    order: [[demand.dateField, 'desc']],
    offset: page.offset,
    limit: page.limit,
    ...(demand.extendFiles ? { extend: FILES_EXTEND } : {}),
  };
}

/** Whether a row fetched for some other list meets this demand's conditions. */
export function meetsDemand(row: NcObject, demand: ListDemand): boolean {
  if (!rowMeetsAll(row, demand.fixedFilters)) return false;
  if (!demand.ownerSets.some((set) => rowMeetsAll(row, set))) return false;
  if (demand.statuses && !demand.statuses.includes(String(row[demand.statusField] ?? ''))) return false;
  if (demand.from || demand.to) {
    const at = parseDate(row[demand.dateField]);
    if (at === null) return false;
    if (demand.from && at < demand.from) return false;
    if (demand.to && at > demand.to) return false;
  }
  return true;
}

const dateKey = (row: NcObject, dateField: string): number | null => parseDate(row[dateField])?.getTime() ?? null;

function compareNewestFirst(da: number | null, idA: string, db: number | null, idB: string): number {
  if (da !== db) {
    if (da === null) return -1;
    if (db === null) return 1;
    return db - da;
  }
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

/**
 * Newest first on `dateField`, rows without a date first, then by uuid. Each row's date is parsed
 * once: a comparator that parsed both dates would do so on every one of a sort's n·log n
 * comparisons, and a dashboard sorts every scanned row several times.
 */
export function sortNewestFirst(rows: readonly NcObject[], dateField: string): NcObject[] {
  return rows
    .map((row) => ({ row, at: dateKey(row, dateField) }))
    .sort((a, b) => compareNewestFirst(a.at, a.row.id, b.at, b.row.id))
    .map((entry) => entry.row);
}

/** Answers a demand from rows that hold every row it could match. */
export function evaluate(demand: ListDemand, rows: readonly NcObject[]): ListOutcome {
  const matching = sortNewestFirst(
    rows.filter((row) => meetsDemand(row, demand)),
    demand.dateField,
  );
  const window = demand.window === 'all' ? { offset: 0, limit: matching.length } : demand.window;
  return { rows: matching.slice(window.offset, window.offset + window.limit), total: matching.length };
}

/** Rows of several disjoint queries as one list: deduplicated, newest first. */
export function mergeRows(parts: readonly NcObject[][], dateField: string): NcObject[] {
  const byId = new Map<string, NcObject>();
  for (const part of parts) for (const row of part) if (!byId.has(row.id)) byId.set(row.id, row);
  return sortNewestFirst([...byId.values()], dateField);
}
