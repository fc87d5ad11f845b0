import { ApiError, asApiError } from './errors';

/** One record loaded by id: null from the API (not yours, or gone) becomes NOT_FOUND. */
export class Resource<T> {
  data = $state<T | null>(null);
  error = $state<ApiError | null>(null);
  loading = $state(true);

  constructor(private readonly fetch: () => Promise<T | null | undefined>) {}

  load = async (): Promise<void> => {
    // A refresh (after a reply, say) keeps the record on screen instead of a loading state.
    if (!this.data) this.loading = true;
    this.error = null;
    try {
      const data = await this.fetch();
      if (data === null || data === undefined) throw new ApiError('NOT_FOUND', 'not found');
      this.data = data;
    } catch (error) {
      this.error = asApiError(error);
    } finally {
      this.loading = false;
    }
  };
}
