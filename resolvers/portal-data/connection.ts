import { cursorOf, type Page } from '../../domain/portal-data/paging.js';

/** A page of items as a Relay connection; cursors are absolute positions in the sorted list. */
export function connectionOf<T, N>(page: Page<T>, toNode: (item: T) => N) {
  const edges = page.items.map((item, i) => ({ cursor: cursorOf(page.offset + i), node: toNode(item) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.offset + page.items.length < page.total,
      endCursor: edges.length ? edges[edges.length - 1]!.cursor : null,
    },
    totalCount: page.total,
  };
}
