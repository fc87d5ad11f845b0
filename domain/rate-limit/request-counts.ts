import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { collectionNamed } from '../../store/collection.js';

/**
 * Each gateway process's request count per client address and minute, in the shared database, so
 * the request ceiling (gateway/request-rate-limit.ts) holds across replicas.
 *
 * One document per (window, process, address), written only by that process: FerretDB's updates
 * are not atomic between writers, but a document nobody else writes cannot lose an update, so a
 * plain upsert of the process's current count is safe on both engines. Readers sum the other
 * processes' documents.
 */
export const REQUEST_COUNTS_COLLECTION = 'requestCounts';

interface RequestCountDocument {
  _id: string;
  key: string;
  /** Start of the counted window (ms since the epoch). */
  window: number;
  process: string;
  count: number;
}

export interface RequestCount {
  key: string;
  window: number;
  count: number;
}

export class RequestCountStore {
  private readonly counts: Collection<RequestCountDocument>;

  constructor(connection: Connection) {
    this.counts = collectionNamed<RequestCountDocument>(connection, REQUEST_COUNTS_COLLECTION);
  }

  /** Stores this process's latest counts (each replaces the previous one of its window and key). */
  async publish(process: string, counts: RequestCount[]): Promise<void> {
    if (counts.length === 0) return;
    await this.counts.bulkWrite(
      counts.map(({ key, window, count }) => ({
        replaceOne: {
          filter: { _id: `${window}|${process}|${key}` },
          replacement: { key, window, process, count },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  /** The other processes' counts of windows starting at or after `since`. */
  async othersSince(process: string, since: number): Promise<RequestCount[]> {
    const found = await this.counts
      .find({ window: { $gte: since }, process: { $ne: process } }, { projection: { key: 1, window: 1, count: 1 } })
      .toArray();
    return found.map(({ key, window, count }) => ({ key, window, count }));
  }

  /** Forgets windows before `before`: no sliding window counts them any more. */
  async purgeBefore(before: number): Promise<number> {
    return (await this.counts.deleteMany({ window: { $lt: before } })).deletedCount;
  }
}
