import type { Logger } from '../core/logger.js';
import type { WorkerLease } from './worker-lease.js';

export interface LeasedWorkerOptions {
  lease: WorkerLease;
  logger: Logger;
  /** Starts the worker; called each time this process gains the lease. */
  start: () => Promise<void>;
  /** Stops the worker; called when the lease is lost and on close. */
  stop: () => Promise<void>;
}

/**
 * Runs a worker only while this process holds the worker lease. A process that finds the lease
 * held logs one warning and keeps trying every third of the lease time, so it takes over within
 * about one lease time of the holder's death; the holder renews on the same beat. The holder
 * stops its worker as soon as it learns the lease is gone, and at the latest when its own lease
 * time runs out without a renewal (a fence timer, so a renewal stuck on a slow database cannot
 * keep it working past the moment another process may take over). The web side of the process
 * is untouched either way: only the worker waits.
 */
export class LeasedWorker {
  private timer: NodeJS.Timeout | undefined;
  private fence: NodeJS.Timeout | undefined;
  private running = false;
  private closed = false;
  private warned = false;
  private stepping: Promise<void> | null = null;

  constructor(private readonly options: LeasedWorkerOptions) {}

  /** Whether this process runs the worker right now. */
  get active(): boolean {
    return this.running;
  }

  /** Tries once now (so a lone process has its worker before it serves), then keeps the beat. */
  async begin(): Promise<void> {
    await this.step(true);
    const beat = Math.max(100, Math.floor(this.options.lease.leaseMs / 3));
    this.timer = setInterval(() => {
      // A beat while the previous step still waits for the database is skipped, not queued.
      this.stepping ??= this.step().finally(() => (this.stepping = null));
    }, beat);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.fence);
    await this.stepping;
    if (this.running) await this.halt();
    await this.options.lease.release().catch(() => {});
  }

  /** `firstTry`: a worker that fails to start fails the process start, as it did without a lease. */
  private async step(firstTry = false): Promise<void> {
    if (this.closed) return;
    const { lease, logger } = this.options;
    try {
      if (this.running) {
        if (await lease.renew()) return this.armFence();
        logger.warn({ holder: lease.holder }, 'job worker lease lost; this process stops its job worker');
        await this.halt();
        return;
      }
      const attempt = await lease.tryAcquire();
      if (attempt.acquired) {
        if (this.warned)
          logger.info({ holder: lease.holder }, 'job worker lease taken over; this process now runs the job worker');
        this.warned = false;
        this.running = true;
        this.armFence();
        try {
          await this.options.start();
        } catch (error) {
          this.running = false;
          clearTimeout(this.fence);
          await lease.release().catch(() => {});
          throw error;
        }
        return;
      }
      if (!this.warned) {
        this.warned = true;
        logger.warn(
          { holder: attempt.holder, leaseExpiresAt: attempt.expiresAt },
          'JOBS=on, but another process runs the job worker on this embedded database (one worker per database on the embedded engine); this process serves requests only and takes over if that worker stops',
        );
      }
    } catch (error) {
      if (firstTry) throw error;
      // The database is away: a holder whose lease ran out meanwhile must not keep working.
      logger.warn({ err: error }, 'job worker lease check failed');
      if (this.running && !lease.held) await this.halt();
    }
  }

  /** Stops the worker when the lease runs out before the next successful renewal. */
  private armFence(): void {
    clearTimeout(this.fence);
    this.fence = setTimeout(() => {
      if (!this.running || this.options.lease.held) return;
      this.options.logger.warn('job worker lease ran out before it could be renewed; this process stops its job worker');
      void this.halt();
    }, this.options.lease.remainingMs + 1);
    this.fence.unref();
  }

  private async halt(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearTimeout(this.fence);
    await this.options.stop().catch((error: unknown) => this.options.logger.warn({ err: error }, 'job worker stop failed'));
  }
}
