import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { RateLimitedError } from '../../core/errors.js';
import { rateLimitHitModel, type RateLimitHitModel } from './rate-limit.model.js';

export interface RateLimitRule {
  /** Hits allowed inside one window, this one included. */
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until a new hit would be allowed; 0 when this one was. */
  retryAfterSeconds: number;
  /** This is the first refused hit of the current run: log or audit it once, not per hit. */
  firstRefusal: boolean;
}

/**
 * A sliding-window limiter over inserted hit documents (see rate-limit.model.ts for why inserts).
 * Every hit is recorded first and the decision is made by counting afterwards, so N concurrent
 * callers can never all see "one left". Refused hits count too: a client that keeps hammering
 * stays limited, and `retryAfterSeconds` says exactly when it may try again.
 *
 * Keys are the caller's business (`signin:ip:203.0.113.9`, `reset:account:…`); keep them short
 * and never put secrets in them.
 */
export class RateLimiter {
  private readonly hits: RateLimitHitModel;

  constructor(
    connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.hits = rateLimitHitModel(connection);
  }

  async hit(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
    const now = this.now();
    await this.hits.collection.insertOne({
      _id: randomUUID(),
      key,
      at: now,
      expiresAt: new Date(now.getTime() + rule.windowMs),
    } as never);
    // Newest first and at most limit+2 of them: enough to decide, bounded under a flood.
    const recent = await this.hits.collection
      .find(
        { key, at: { $gt: new Date(now.getTime() - rule.windowMs) } },
        { projection: { at: 1 }, sort: { at: -1 }, limit: rule.limit + 2 },
      )
      .toArray();
    if (recent.length <= rule.limit) return { allowed: true, retryAfterSeconds: 0, firstRefusal: false };
    // A new hit is allowed once only limit-1 of the current ones remain inside the window, i.e.
    // when the limit-th newest one drops out.
    const freesAt = (recent[rule.limit - 1]!.at as Date).getTime() + rule.windowMs;
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000)),
      firstRefusal: recent.length === rule.limit + 1,
    };
  }

  /** hit(), throwing RATE_LIMITED (with retryAfter) when refused. */
  async enforce(key: string, rule: RateLimitRule, message?: string): Promise<void> {
    const result = await this.hit(key, rule);
    if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds, message);
  }

  /** Forgets every hit of a key (e.g. a login's attempts once its owner signed in). */
  async reset(key: string): Promise<void> {
    await this.hits.deleteMany({ key });
  }

  /** Deletes hits that no window counts any more (there are no TTL indexes on FerretDB). */
  async purgeExpired(now: Date = this.now()): Promise<number> {
    const result = await this.hits.deleteMany({ expiresAt: { $lte: now } });
    return result.deletedCount;
  }
}
