import type { ListFilter } from './api/page';

/**
 * A list's search and status live in the address (`?search=…&status=…`), so a reload, the back
 * button after opening a record, and a shared link show the same selection. Changing the filter
 * replaces the history entry instead of adding one: the back button leaves the list, as people
 * expect, rather than stepping through every search. Other query parameters (`tenant`, the
 * widget's `view`) are kept as they are.
 */
const NAMES = ['search', 'status'] as const;

export function readListFilter(): ListFilter {
  const query = new URLSearchParams(window.location.search);
  return { search: query.get('search') ?? '', status: query.get('status') ?? '' };
}

function writeListFilter(filter: ListFilter): void {
  const url = new URL(window.location.href);
  for (const name of NAMES) {
    const value = name === 'search' ? filter.search.trim() : filter.status;
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  }
  if (url.href !== window.location.href) history.replaceState(history.state, '', url);
}

/** The filter on screen, shared by the list (what it fetches) and its filter form (what it shows). */
class ListFilterInUrl {
  value = $state<ListFilter>({ search: '', status: '' });

  /** On a list page's start: the filter the address carries. */
  load(): ListFilter {
    this.value = readListFilter();
    return this.value;
  }

  set(filter: ListFilter): void {
    this.value = { ...filter };
    writeListFilter(filter);
  }
}

export const listFilterInUrl = new ListFilterInUrl();

export function isFiltered(filter: ListFilter): boolean {
  return filter.search.trim() !== '' || filter.status !== '';
}
