import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { RateLimitedError } from '../../core/errors.js';
import { DatabaseHitStore } from './database-hit-store.js';
import { DEFAULT_HIT_STORE, type HitStore, type HitStoreKind } from './hit-store.js';
import { MemoryHitStore } from './memory-hit-store.js';

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

export interface RateLimiterOptions {
  /** Where hits are kept; by default memory on the embedded engine, the database on MongoDB (hit-store.ts). */
  store?: HitStoreKind;
}

/**
 * A sliding-window limiter over recorded hits. Every hit is recorded first and the decision is
 * made by counting afterwards, so N concurrent callers can never all see "one left". Refused hits
 * count too: a client that keeps hammering stays limited, and `retryAfterSeconds` says exactly
 * when it may try again.
 *
 * Keys are the caller's business (`signin:ip:203.0.113.9`, `reset:account:…`); keep them short
 * and never put secrets in them.
 */
export class RateLimiter {
  private store: Promise<HitStore> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date = () => new Date(),
    private readonly options: RateLimiterOptions = {},
  ) {}

  async hit(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
    const store = await this.hits();
    const now = this.now();
    // Newest first and at most limit+2 of them: enough to decide, bounded under a flood.
    const decisive = rule.limit + 2;
    await store.add({ id: randomUUID(), key, at: now, expiresAt: new Date(now.getTime() + rule.windowMs) }, decisive);
    const recent = await store.newest(key, new Date(now.getTime() - rule.windowMs), decisive);
    if (recent.length <= rule.limit) return { allowed: true, retryAfterSeconds: 0, firstRefusal: false };
    // A new hit is allowed once only limit-1 of the current ones remain inside the window, i.e.
    // when the limit-th newest one drops out.
    const freesAt = recent[rule.limit - 1]!.getTime() + rule.windowMs;
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
    await (await this.hits()).removeKey(key);
  }

  /** Deletes hits that no window counts any more (there are no TTL indexes on FerretDB). */
  async purgeExpired(now: Date = this.now()): Promise<number> {
    return (await this.hits()).purge(now);
  }

  private hits(): Promise<HitStore> {
    if (this.store) return this.store;
    const chosen = (async () => {
      const kind = this.options.store ?? DEFAULT_HIT_STORE;
      return kind === 'memory' ? new MemoryHitStore() : new DatabaseHitStore(this.connection);
    })();
    // Choosing asks the database once; if it is away, ask again next time rather than never.
    chosen.catch(() => {
      if (this.store === chosen) this.store = undefined;
    });
    this.store = chosen;
    return chosen;
  }
}
