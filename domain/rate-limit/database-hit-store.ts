import type { Connection } from 'mongoose';
import { collectionOf } from '../../store/collection.js';
import type { Hit, HitStore } from './hit-store.js';
import { rateLimitHitModel, type RateLimitHitDocument, type RateLimitHitModel } from './rate-limit.model.js';

/**
 * Hits as inserted documents in `rateLimitHits`, shared by every gateway process (see
 * rate-limit.model.ts for why inserts and not increments).
 */
export class DatabaseHitStore implements HitStore {
  private readonly hits: RateLimitHitModel;

  constructor(connection: Connection) {
    this.hits = rateLimitHitModel(connection);
  }

  async add(hit: Hit): Promise<void> {
    await collectionOf<RateLimitHitDocument>(this.hits).insertOne({
      _id: hit.id,
      key: hit.key,
      at: hit.at,
      expiresAt: hit.expiresAt,
    });
  }

  async newest(key: string, after: Date, limit: number): Promise<Date[]> {
    const recent = await this.hits.collection
      .find({ key, at: { $gt: after } }, { projection: { at: 1 }, sort: { at: -1 }, limit })
      .toArray();
    return recent.map((hit) => hit.at as Date);
  }

  async removeKey(key: string): Promise<void> {
    await this.hits.deleteMany({ key });
  }

  async purge(now: Date): Promise<number> {
    return (await this.hits.deleteMany({ expiresAt: { $lte: now } })).deletedCount;
  }
}
