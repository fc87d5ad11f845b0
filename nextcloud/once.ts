import { NextcloudConfigurationError } from './errors.js';

/**
 * A value loaded once per connector and shared by concurrent first callers (one promise, one
 * upstream call). Success is kept for the connector's life. A configuration error is kept for
 * `failureTtlMs`, so a wrong password is not retried on every request (Nextcloud's brute-force
 * protection would slow the whole gateway down); any other failure is forgotten at once, because
 * the next call may well succeed and the circuit breaker already guards against outages.
 */
export class Once<T> {
  private pending: Promise<T> | null = null;
  private failedAt: number | null = null;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly options: { now: () => number; failureTtlMs: number },
  ) {}

  get(): Promise<T> {
    if (this.pending && this.failedAt !== null && this.options.now() - this.failedAt >= this.options.failureTtlMs) {
      this.pending = null;
      this.failedAt = null;
    }
    if (!this.pending) {
      const promise = this.load();
      this.pending = promise;
      promise.catch((error: unknown) => {
        if (this.pending !== promise) return;
        if (error instanceof NextcloudConfigurationError) this.failedAt = this.options.now();
        else this.pending = null;
      });
    }
    return this.pending;
  }

  /** Records a configuration error found later (credentials revoked after they were verified). */
  reject(error: NextcloudConfigurationError): void {
    const failed = Promise.reject(error);
    failed.catch(() => {});
    this.pending = failed;
    this.failedAt = this.options.now();
  }
}
