import type { Connection } from 'mongoose';
import { databaseEngine } from '../../store/engine.js';

/** One counted hit of a rate-limited action. */
export interface Hit {
  id: string;
  key: string;
  at: Date;
  /** When no window counts it any more. */
  expiresAt: Date;
}

/** Where hits are kept: the database (shared by every process) or this process's memory. */
export interface HitStore {
  /**
   * Records a hit. Only the newest `keep` hits of a key can ever matter to a decision, so a store
   * may forget older ones (memory does, to stay small under a flood).
   */
  add(hit: Hit, keep: number): Promise<void>;
  /** Times of the key's hits later than `after`, newest first, at most `limit` of them. */
  newest(key: string, after: Date, limit: number): Promise<Date[]>;
  removeKey(key: string): Promise<void>;
  /** Forgets hits that expired by `now`; answers how many. */
  purge(now: Date): Promise<number>;
}

export type HitStoreKind = 'memory' | 'database';

/**
 * Memory where one process owns the embedded engine, the database on MongoDB. On the embedded
 * engine every query but an `_id` lookup reads the whole collection (≈ 60 µs a document), so
 * counting hits there makes each check slower the more hits there are — a flood would slow every
 * later sign-in until the hourly purge. Only the gateway counts hits, and it is the one process
 * that serves on the embedded engine; on MongoDB (where gateways scale out) the limits must be
 * shared, and its (key, at) index keeps the count cheap.
 */
export async function defaultHitStoreKind(connection: Connection): Promise<HitStoreKind> {
  return (await databaseEngine(connection)) === 'ferretdb' ? 'memory' : 'database';
}
