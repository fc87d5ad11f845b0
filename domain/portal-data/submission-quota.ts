import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { RateLimitedError } from '../../core/errors.js';
import { rateLimitHitModel, type RateLimitHitDocument, type RateLimitHitModel } from '../rate-limit/rate-limit.model.js';
import { collectionOf } from '../../store/collection.js';

/**
 * At most `limit` request submissions per account per window (default 5 per hour, as the original
 * portal). Unlike a plain rate limit, only submissions that happened count: a refused attempt or a
 * submission Nextcloud did not accept gives its place back.
 *
 * Each submission is an inserted document (the shared `rateLimitHits` collection, so the nightly
 * purge of expired hits covers it); FerretDB has no atomic increment across writers. A claim is
 * inserted first and the decision made by counting everything in the window afterwards: of
 * several allowed claims, the one that counted last saw all the others, so more than `limit` can
 * never be allowed. Under a burst this errs on the safe side (a claim may be refused because of
 * concurrent claims that are refused and released themselves); the client is told to retry soon.
 */
export interface QuotaRule {
  limit: number;
  windowMs: number;
}

export const REQUEST_SUBMISSION_RULE: QuotaRule = { limit: 5, windowMs: 60 * 60_000 };

export interface QuotaClaim {
  id: string;
  release(): Promise<void>;
}

export class SubmissionQuota {
  private readonly hits: RateLimitHitModel;

  constructor(
    connection: Connection,
    private readonly now: () => Date = () => new Date(),
    private readonly rule: QuotaRule = REQUEST_SUBMISSION_RULE,
  ) {
    this.hits = rateLimitHitModel(connection);
  }

  /** Takes a place or throws RATE_LIMITED with the seconds until the oldest place frees up. */
  async claim(tenantId: string, accountId: string): Promise<QuotaClaim> {
    const key = `request-submission:${tenantId}:${accountId}`;
    const now = this.now();
    const id = randomUUID();
    await collectionOf<RateLimitHitDocument>(this.hits).insertOne({
      _id: id,
      key,
      at: now,
      expiresAt: new Date(now.getTime() + this.rule.windowMs),
    });
    const release = async () => {
      await this.hits.deleteOne({ _id: id });
    };
    const recent = await collectionOf<RateLimitHitDocument>(this.hits)
      .find<{ _id: string; at: Date }>(
        { key, at: { $gt: new Date(now.getTime() - this.rule.windowMs) } },
        { projection: { at: 1 } },
      )
      .toArray();
    if (recent.length <= this.rule.limit) return { id, release };
    await release();
    const others = recent.filter((hit) => hit._id !== id).sort((a, b) => a.at.getTime() - b.at.getTime());
    // A place frees up when the oldest counted submission leaves the window; when only racing
    // claims filled it, they free it within moments.
    const oldest = others.length >= this.rule.limit ? others[others.length - this.rule.limit]!.at : null;
    const retryAfter = oldest ? (oldest.getTime() + this.rule.windowMs - now.getTime()) / 1000 : 1;
    throw new RateLimitedError(
      retryAfter,
      'You have sent several requests in a short time. Please wait before sending another one.',
    );
  }
}
