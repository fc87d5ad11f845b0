import type { RequestHandler } from 'express';
import { ErrorCode } from '../core/errors.js';

/**
 * A coarse per-client-address ceiling on API requests, in this process's memory. It protects the
 * gateway and the tenants' Nextclouds from one client flooding them; finer business limits
 * (sign-in, resets, submissions) are kept in the database where they hold across processes.
 * Only addresses are held here, never user data.
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
  ) {}

  /** Counts a request; returns 0 when allowed, else the seconds until it would be. */
  take(key: string): number {
    const now = this.now();
    const start = now - (now % this.windowMs);
    this.sweep(start);
    const entry = this.advance(this.windows.get(key), start);
    this.windows.set(key, entry);
    const overlap = 1 - (now - start) / this.windowMs;
    const used = entry.previous * overlap + entry.current;
    if (used + 1 <= this.limit) {
      entry.current += 1;
      return 0;
    }
    // Refused requests are not counted, so a client that waits as told gets through.
    return Math.max(1, Math.ceil(this.secondsUntilFree(entry, now, start)));
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
