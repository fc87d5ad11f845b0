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
 * Hits are kept in the database by default: every gateway on one database (the embedded engine
 * included: a replica with JOBS=off may join it) must share the limits. Memory is for a process
 * that is known to be alone on its database; nothing chooses it by itself.
 */
export const DEFAULT_HIT_STORE: HitStoreKind = 'database';
