import type { RequestHandler } from 'express';
import { ErrorCode } from '../core/errors.js';

/** What the other gateway processes on the same database counted (shared-request-counts.ts). */
export interface OtherProcessCounts {
  /** Requests from `key` the other processes counted in the window starting at `start`. */
  of(key: string, start: number): number;
  /** This process's count for `key` in the window starting at `start` is now `count`. */
  counted(key: string, start: number, count: number): void;
}

/**
 * A coarse per-client-address ceiling on API requests. It protects the gateway and the tenants'
 * Nextclouds from one client flooding them. The decision is made in this process's memory, so it
 * costs no database round trip; with `others` it adds what the other replicas counted (synced
 * through the database about once a second), so N replicas let the limit through, not N times
 * it. Between two syncs a burst spread over several replicas can overshoot by what those
 * replicas served in that second. Finer business limits (sign-in, resets, submissions) are
 * counted in the database exactly. Only addresses are held here, never user data.
 *
 * A sliding window (the previous fixed window's count, weighted by how much of it still overlaps
 * the last `windowMs`, plus the current one's): a fixed window let twice the limit through across
 * a boundary (all of it in the last second of one minute and the first of the next).
 */
export class RequestRateLimit {
  private windows = new Map<string, { start: number; previous: number; current: number }>();
  private lastSweep = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly others?: OtherProcessCounts,
  ) {}

  /** Counts a request; returns 0 when allowed, else the seconds until it would be. */
  take(key: string): number {
    const now = this.now();
    const start = now - (now % this.windowMs);
    this.sweep(start);
    const entry = this.advance(this.windows.get(key), start);
    this.windows.set(key, entry);
    const overlap = 1 - (now - start) / this.windowMs;
    const counts = {
      previous: entry.previous + (this.others?.of(key, start - this.windowMs) ?? 0),
      current: entry.current + (this.others?.of(key, start) ?? 0),
    };
    const used = counts.previous * overlap + counts.current;
    if (used + 1 <= this.limit) {
      entry.current += 1;
      this.others?.counted(key, start, entry.current);
      return 0;
    }
    // Refused requests are not counted, so a client that waits as told gets through.
    return Math.max(1, Math.ceil(this.secondsUntilFree(counts, now, start)));
  }

  private advance(entry: { start: number; previous: number; current: number } | undefined, start: number) {
    if (!entry) return { start, previous: 0, current: 0 };
    if (entry.start === start) return entry;
    const previous = entry.start === start - this.windowMs ? entry.current : 0;
    return { start, previous, current: 0 };
  }

  private secondsUntilFree(entry: { previous: number; current: number }, now: number, start: number): number {
    // The previous window's weight shrinks linearly until `previous * overlap + current` leaves
    // room for one more; when this window alone is full, the same happens in the next one.
    const freeAt =
      entry.current + 1 <= this.limit
        ? start + (1 - (this.limit - 1 - entry.current) / entry.previous) * this.windowMs
        : start + this.windowMs + (1 - (this.limit - 1) / entry.current) * this.windowMs;
    return (freeAt - now) / 1000;
  }

  /** Forgets addresses idle for two windows, at most once per window. */
  private sweep(start: number) {
    if (start === this.lastSweep) return;
    this.lastSweep = start;
    for (const [key, entry] of this.windows) if (entry.start < start - this.windowMs) this.windows.delete(key);
  }
}

export function requestRateLimitMiddleware(limiter: RequestRateLimit): RequestHandler {
  return (req, res, next) => {
    const retryAfter = limiter.take(req.ip ?? 'unknown');
    if (retryAfter === 0) return next();
    res.setHeader('Retry-After', String(retryAfter));
    res.status(429).json({
      errors: [
        {
          message: 'Too many requests from your address. Please wait and try again.',
          extensions: { code: ErrorCode.RATE_LIMITED, retryAfter },
        },
      ],
    });
  };
}
