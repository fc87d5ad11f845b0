import os from 'node:os';

/**
 * At most `size` password hashes run at once; the rest wait in line. Each argon2 call takes its
 * memory cost (19 MiB) for as long as it runs, and it runs on libuv's small thread pool, which
 * file and DNS work share. Without a line of our own, a burst of sign-ins would hold memory for
 * every one of them and starve that pool; with it, memory stays at `size` × the cost and the
 * burst is answered in arrival order.
 */
export class HashingPool {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** The most that ever ran at once; for tests and the benchmark. */
  peak = 0;

  constructor(readonly size: number = defaultPoolSize()) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('HashingPool: size must be a positive whole number');
  }

  /** Jobs waiting for a free place right now. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    this.peak = Math.max(this.peak, this.running);
    try {
      return await job();
    } finally {
      // Hand the place straight to the next in line, so `running` never dips and a newcomer
      // cannot overtake someone already waiting.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

/** One hash per core: more would only time-slice the same cores and hold more memory. */
function defaultPoolSize(): number {
  return Math.max(1, os.availableParallelism());
}
