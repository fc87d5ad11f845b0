import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { DatabaseAttemptStore } from './database-attempt-store.js';
import { LOCKOUT_LOOKBACK_MS } from './lockout.js';
import { MemoryAttemptStore } from './memory-attempt-store.js';

/** A sign-in attempt that counts toward the lockout of a key (tenant + address); see sign-in-attempt.model.ts. */
export interface SignInAttempt {
  id: string;
  key: string;
  at: Date;
  /** Still being decided; counts as a failure meanwhile. */
  pending: boolean;
  /** When no lockout window can count it any more. */
  expiresAt: Date;
}

/** A new, still undecided attempt, kept as long as any lockout window can count it. */
export function newAttempt(key: string, at: Date): SignInAttempt {
  return { id: randomUUID(), key, at, pending: true, expiresAt: new Date(at.getTime() + LOCKOUT_LOOKBACK_MS) };
}

/** Where attempts are kept: the database (shared by every process) or this process's memory. */
export interface AttemptStore {
  record(attempt: SignInAttempt): Promise<void>;
  /** The key's attempts made at or after `since`, except `excludeId`. */
  recent(key: string, since: Date, excludeId: string): Promise<Array<{ at: Date; pending: boolean }>>;
  /** The attempt was a failure: it now counts as a decided one. */
  markFailed(id: string): Promise<void>;
  /** The attempt was not a failure after all. */
  forget(id: string): Promise<void>;
  /** Forgets attempts that expired by `now`; answers how many. */
  purge(now: Date): Promise<number>;
}

export type AttemptStoreKind = 'memory' | 'database';

const stores = new WeakMap<Connection, Promise<AttemptStore>>();

/**
 * The attempt store of a database: one per connection, because sign-in and re-authentication
 * (identity-check.ts) must count the same attempts. The database by default, so the lockout holds
 * across every gateway on it (the embedded engine included: a replica with JOBS=off may join it);
 * memory only when a caller says the process is alone (`kind: 'memory'`, tests), a new store per call.
 */
export function attemptStoreFor(connection: Connection, kind?: AttemptStoreKind): Promise<AttemptStore> {
  if (kind === 'memory') return Promise.resolve(new MemoryAttemptStore());
  let store = stores.get(connection);
  if (!store) {
    store = Promise.resolve(new DatabaseAttemptStore(connection));
    stores.set(connection, store);
  }
  return store;
}
