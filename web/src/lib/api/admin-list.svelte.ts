import { PagedList } from '../list.svelte';
import type { Page } from './page';

/** Admin tables show more rows than the customer's lists: staff scan them. */
export const ADMIN_PAGE_SIZE = 20;

/**
 * A PagedList (the customer portal's, reused as is) over a filter of the admin's own shape.
 * PagedList's own filter is search + status; here the filter lives beside it, and applying a new
 * one restarts the list at its first page.
 */
export class AdminList<T, F extends object> {
  filter: F;
  readonly list: PagedList<T>;

  constructor(fetchPage: (after: string | null, filter: F) => Promise<Page<T>>, initial: F) {
    this.filter = $state(initial);
    this.list = new PagedList<T>((after) => fetchPage(after, $state.snapshot(this.filter) as F), ADMIN_PAGE_SIZE, {
      inUrl: false,
    });
  }

  apply(filter: F): Promise<void> {
    this.filter = filter;
    return this.list.applyFilter({ search: '', status: '' });
  }

  /** Shows the current page again (after a change to one of its rows). */
  reload(): Promise<void> {
    return this.list.load();
  }
}
