import type { Page, ListFilter } from './api/page';
import { asApiError, type ApiError } from './errors';
import { listFilterInUrl } from './list-filter-url.svelte';

/**
 * A paged, filterable list over a Relay connection. The API pages forward with `after`; going
 * back uses the cursors seen so far. Answers that arrive after a newer request are dropped, so
 * quick clicks never show an older page. A customer list keeps its filter in the address
 * (list-filter-url.svelte.ts); `inUrl: false` is for lists with a filter of their own shape.
 */
export class PagedList<T> {
  items = $state<T[]>([]);
  totalCount = $state(0);
  hasNextPage = $state(false);
  loading = $state(false);
  loaded = $state(false);
  error = $state<ApiError | null>(null);
  /** 0-based number of the page on screen. */
  pageIndex = $state(0);
  filter = $state<ListFilter>({ search: '', status: '' });

  /** cursors[i] is the `after` that fetches page i. */
  private cursors: Array<string | null> = [null];
  private requestSeq = 0;

  private readonly inUrl: boolean;

  constructor(
    private readonly fetchPage: (after: string | null, filter: ListFilter) => Promise<Page<T>>,
    readonly pageSize: number,
    options: { inUrl?: boolean } = {},
  ) {
    this.inUrl = options.inUrl ?? true;
    if (this.inUrl) this.filter = listFilterInUrl.load();
  }

  /** Whether a search or status narrows the list (an empty list then says so, with a way out). */
  get filtered(): boolean {
    return this.filter.search.trim() !== '' || this.filter.status !== '';
  }

  get firstItemNumber(): number {
    return this.items.length ? this.pageIndex * this.pageSize + 1 : 0;
  }

  get lastItemNumber(): number {
    return this.pageIndex * this.pageSize + this.items.length;
  }

  async load(): Promise<void> {
    const seq = ++this.requestSeq;
    this.loading = true;
    this.error = null;
    try {
      const page = await this.fetchPage(this.cursors[this.pageIndex] ?? null, $state.snapshot(this.filter));
      if (seq !== this.requestSeq) return;
      this.items = page.items;
      this.totalCount = page.totalCount;
      this.hasNextPage = page.hasNextPage;
      this.cursors[this.pageIndex + 1] = page.endCursor;
    } catch (error) {
      if (seq !== this.requestSeq) return;
      this.error = asApiError(error);
      this.items = [];
    } finally {
      if (seq === this.requestSeq) {
        this.loading = false;
        this.loaded = true;
      }
    }
  }

  next(): Promise<void> {
    if (!this.hasNextPage) return Promise.resolve();
    this.pageIndex += 1;
    return this.load();
  }

  previous(): Promise<void> {
    if (this.pageIndex === 0) return Promise.resolve();
    this.pageIndex -= 1;
    return this.load();
  }

  applyFilter(filter: ListFilter): Promise<void> {
    this.filter = filter;
    if (this.inUrl) listFilterInUrl.set(filter);
    this.pageIndex = 0;
    this.cursors = [null];
    return this.load();
  }
}
