import type { RequestHandler } from 'express';
import { ErrorCode } from '../core/errors.js';

/**
 * A coarse per-client-address ceiling on API requests, in this process's memory: a fixed window
 * counter per address. It protects the gateway and the tenants' Nextclouds from one client
 * flooding them; finer business limits (sign-in, resets, submissions) are kept in the database
 * where they hold across processes. Only addresses are held here, never user data.
 */
export class RequestRateLimit {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a request; returns 0 when allowed, else the seconds until the window resets. */
  take(key: string): number {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now - (now % this.windowMs);
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count <= this.limit ? 0 : Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000));
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
