import DataLoader from 'dataloader';
import type { Logger } from '../../core/logger.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import type { FilterValue, NcObject, ObjectQuery } from '../../nextcloud/types.js';
import { demandKey, evaluate, FILES_EXTEND, mergeRows, upstreamQuery, type ListDemand, type ListOutcome } from './list-demand.js';

/**
 * Turns the list demands of one request into as few upstream calls as possible. Demands made in
 * the same tick (GraphQL starts every root field of a query before any of them finishes) are
 * batched per upstream resource and owner:
 * - a lone demand goes upstream as it is (filters, search, sort and page in the query);
 * - several demands on one resource (invoices and orders share `posTransaction`; the documents
 *   list needs every row of each resource) become one scan of the owner's rows, and each demand is
 *   answered from that scan in memory. A scan that turns out larger than one page falls back to
 *   one precise call per demand, unless some demand needs every row anyway.
 * Demands with a text search always go upstream: `_search` semantics are the server's.
 */

export const SCAN_PAGE_SIZE = 250;
/** The most rows one scan reads; a customer with more gets a truncated documents list (logged). */
export const MAX_SCAN_ROWS = 5_000;
/** Scan pages after the first are fetched this many at a time. */
const SCAN_PARALLELISM = 4;

type Connector = Pick<NextcloudConnector, 'listObjects'>;

export function createListLoader(connector: Connector, logger?: Logger): DataLoader<ListDemand, ListOutcome, string> {
  return new DataLoader<ListDemand, ListOutcome, string>((demands) => answerDemands(connector, demands, logger), {
    cacheKeyFn: demandKey,
    // setImmediate rather than DataLoader's default tick: the authorization middleware resolves
    // each field after a few promise hops, and this waits until all of them have asked.
    batchScheduleFn: (callback) => setImmediate(callback),
  });
}

async function answerDemands(connector: Connector, demands: readonly ListDemand[], logger?: Logger): Promise<ListOutcome[]> {
  const groups = new Map<string, number[]>();
  demands.forEach((demand, index) => {
    const key = JSON.stringify([demand.resource, demand.ownerSets]);
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const outcomes: ListOutcome[] = new Array(demands.length);
  await Promise.all(
    [...groups.values()].map(async (indexes) => {
      const answered = await answerGroup(
        connector,
        indexes.map((i) => demands[i]!),
        logger,
      );
      indexes.forEach((demandIndex, i) => (outcomes[demandIndex] = answered[i]!));
    }),
  );
  return outcomes;
}

/** Demands sharing one resource and owner. */
async function answerGroup(connector: Connector, group: ListDemand[], logger?: Logger): Promise<ListOutcome[]> {
  const scannable = group.filter((demand) => !demand.search);
  const needsAll = scannable.some((demand) => demand.window === 'all');
  const results = new Map<ListDemand, Promise<ListOutcome>>();
  if (scannable.length >= 2 || needsAll) {
    const scan = await scanRows(connector, scannable, needsAll, logger);
    for (const demand of scannable) {
      results.set(demand, scan ? Promise.resolve(evaluate(demand, scan)) : precise(connector, demand, logger));
    }
  }
  for (const demand of group) if (!results.has(demand)) results.set(demand, precise(connector, demand, logger));
  return Promise.all(group.map((demand) => results.get(demand)!));
}

/**
 * Every row of the group's owner that any of the demands could match, or null when one page was
 * not enough and no demand needs the whole set.
 */
async function scanRows(
  connector: Connector,
  demands: ListDemand[],
  needsAll: boolean,
  logger?: Logger,
): Promise<NcObject[] | null> {
  const first = demands[0]!;
  const fixedKeys = new Set(demands.map((demand) => JSON.stringify(demand.fixedFilters)));
  const shape: ListDemand = {
    ...first,
    // Conditions every demand shares can go upstream; the rest is applied per demand in memory.
    fixedFilters: fixedKeys.size === 1 ? first.fixedFilters : {},
    statuses: null,
    from: null,
    to: null,
    search: null,
    extendFiles: demands.some((demand) => demand.extendFiles),
  };
  const parts = await Promise.all(
    first.ownerSets.map((ownerSet) => readRows(connector, shape, ownerSet, needsAll ? MAX_SCAN_ROWS : SCAN_PAGE_SIZE, logger)),
  );
  if (parts.some((part) => part === null)) return null;
  return parts.flat() as NcObject[];
}

/**
 * Up to `cap` rows of one owner set (stable default order), or null when more exist and the cap
 * is a single page (the caller then asks precisely instead).
 */
async function readRows(
  connector: Connector,
  demand: ListDemand,
  ownerSet: Record<string, FilterValue>,
  cap: number,
  logger?: Logger,
): Promise<NcObject[] | null> {
  const query = (page: number): ObjectQuery => ({
    ...upstreamQuery(demand, ownerSet, { offset: 0, limit: SCAN_PAGE_SIZE }),
    offset: undefined,
    page,
    // Paging a scan needs an order that never changes; newest-first is applied in memory anyway.
    order: undefined,
  });
  const firstPage = await connector.listObjects(demand.resource, query(1));
  const rows = [...firstPage.results];
  if (firstPage.total <= rows.length) return rows;
  if (cap <= SCAN_PAGE_SIZE) return null;
  const lastPage = Math.min(firstPage.pages, Math.ceil(cap / SCAN_PAGE_SIZE));
  if (firstPage.total > cap) {
    logger?.warn(
      { resource: demand.resource, total: firstPage.total, cap },
      'portal data: scan truncated; the customer has more records than one scan reads',
    );
  }
  for (let page = 2; page <= lastPage; page += SCAN_PARALLELISM) {
    const batch = Array.from({ length: Math.min(SCAN_PARALLELISM, lastPage - page + 1) }, (_, i) => page + i);
    const pages = await Promise.all(batch.map((p) => connector.listObjects(demand.resource, query(p))));
    for (const result of pages) rows.push(...result.results);
  }
  return rows;
}

/** One demand straight upstream: one call per owner set, merged when there are several. */
async function precise(connector: Connector, demand: ListDemand, logger?: Logger): Promise<ListOutcome> {
  if (demand.window === 'all') {
    const parts = await Promise.all(demand.ownerSets.map((set) => readRows(connector, demand, set, MAX_SCAN_ROWS, logger)));
    const rows = mergeRows(parts as NcObject[][], demand.dateField);
    return { rows, total: rows.length };
  }
  const { offset, limit } = demand.window;
  if (demand.ownerSets.length === 1) {
    const page = await connector.listObjects(demand.resource, upstreamQuery(demand, demand.ownerSets[0]!, { offset, limit }));
    return { rows: page.results, total: page.total };
  }
  // The owner sets are disjoint, so totals add up; the page is cut from the merged heads.
  const pages = await Promise.all(
    demand.ownerSets.map((set) =>
      connector.listObjects(demand.resource, upstreamQuery(demand, set, { offset: 0, limit: offset + limit })),
    ),
  );
  const merged = mergeRows(
    pages.map((page) => page.results),
    demand.dateField,
  );
  return { rows: merged.slice(offset, offset + limit), total: pages.reduce((sum, page) => sum + page.total, 0) };
}

export { FILES_EXTEND };
