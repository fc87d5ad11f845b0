import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { collectionNamed } from '../../store/collection.js';
import { isDuplicateKeyError } from '../../store/duplicate-key.js';
import { AuditBusyError } from './audit.busy-error.js';
import { noAuditWriteMetrics, type AuditWriteMetrics } from './audit.metrics.js';

export const AUDIT_LEASE_COLLECTION = 'audit_writer_leases';

/** One lease or queue place. Never updated: created by a unique insert, removed by its token. */
interface LeaseDocument {
  _id: string;
  tenantId: string;
  /** The writer (one per AuditService, i.e. per replica) that holds it. */
  holder: string;
  /** New for every insert, so a takeover removes exactly the document it saw, not a successor. */
  token: string;
  /** Informational only: expiry is judged by each observer's own clock (see ExpiryWatch). */
  acquiredAt: Date;
}

/**
 * The only code that talks to the lease collection. Every document is looked up by `_id` alone
 * (the one lookup the embedded engine serves from an index), and the collection stays tiny: at
 * most two documents per tenant that is being written to at this moment.
 */
export class AuditLeaseStore {
  constructor(private readonly connection: Connection) {}

  private get collection(): Collection<LeaseDocument> {
    return collectionNamed<LeaseDocument>(this.connection, AUDIT_LEASE_COLLECTION);
  }

  read(id: string): Promise<LeaseDocument | null> {
    return this.collection.findOne({ _id: id });
  }

  /** True when this insert created the document; false when one with that `_id` exists. */
  async tryInsert(doc: LeaseDocument): Promise<boolean> {
    try {
      await this.collection.insertOne(doc);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /**
   * Removes the document only if it is still the one with `token`. Atomic on MongoDB; on FerretDB
   * a delete with two keys is a read then a delete, so two removers racing can remove a successor
   * too. That costs fairness for a moment (two writers may both think it is their turn), never
   * correctness: the chain's unique `_id` still lets exactly one of them write each seq.
   */
  async remove(id: string, token: string): Promise<void> {
    await this.collection.deleteOne({ _id: id, token });
  }
}

export interface WriterTurnOptions {
  /** How long a lease or queue place may stay unchanged before others may take it over. */
  leaseTtlMs?: number;
  /**
   * How long an append may wait for its turn before failing with AuditBusyError (HTTP 503). Shorter
   * than the TTL on purpose: a request does not hang while a dead replica's lease runs out; its
   * client retries after Retry-After (the TTL), by when this process may take the lease over.
   */
  maxWaitMs?: number;
  /** Mean pause between looks while waiting (jittered ±50 %). */
  pollMs?: number;
}

/**
 * Remembers when this process first saw each lease token. A lease counts as abandoned when the
 * same token has been there longer than the TTL by OUR clock: replicas' clocks may disagree, so
 * no stored expiry time is trusted.
 */
class ExpiryWatch {
  private readonly firstSeen = new Map<string, { token: string; at: number }>();
  constructor(private readonly ttlMs: number) {}

  isAbandoned(doc: LeaseDocument): boolean {
    const seen = this.firstSeen.get(doc._id);
    if (seen?.token === doc.token) return performance.now() - seen.at > this.ttlMs;
    this.firstSeen.set(doc._id, { token: doc.token, at: performance.now() });
    return false;
  }
}

const leaseIdOf = (tenantId: string) => `${tenantId}:lease`;
const nextIdOf = (tenantId: string) => `${tenantId}:next`;

/** A held turn on one tenant's chain; `release` lets the next writer in. */
export interface WriterTurn {
  /** Whether the acquisition had to wait for other writers (the lease was not free at once). */
  waited: boolean;
  release(): Promise<void>;
}

/**
 * Turn-taking between writers of one tenant's chain on several replicas: a per-tenant writer lease.
 *
 * Why a lease made of unique inserts: on FerretDB 1.24 only an insert with a unique `_id` is atomic
 * between writers (findAndModify and updates are read-modify-write there), and on MongoDB the same
 * insert is atomic too. So both engines run the same protocol, with no update anywhere:
 * - `<tenant>:lease` exists while one writer writes the tenant's chain; it is inserted to take the
 *   turn and removed (by its token) to hand it on.
 * - `<tenant>:next` is the one queue place: a waiting writer inserts it first, and only its holder
 *   may take the lease while it exists. The lease holder looks for it after every batch and ends
 *   its turn when somebody waits, so a busy replica cannot keep the chain to itself; a writer that
 *   just ended its turn has to win the queue place like everyone else.
 * - A writer that dies holding either document is taken over once the document has been there
 *   unchanged for `leaseTtlMs` (2 s) by the observer's clock. Turns are much shorter than that (a
 *   writer holds the lease for at most maxTurnMs, 250 ms, then hands it on), so there is nothing to
 *   renew: a writer with a long queue takes turn after turn instead.
 * - Nothing here is needed for correctness: every event's `_id` is `tenant:seq` and unique, so even
 *   two writers that both believe they hold the turn cannot fork or gap the chain; they only collide.
 *
 * The chain writer asks for a turn only when it keeps losing races or meets another writer's lease,
 * so a lone writer (and writers that race without starving) pay nothing for this.
 */
export class WriterTurns {
  readonly writerId = randomUUID();
  readonly leaseTtlMs: number;
  private readonly maxWaitMs: number;
  private readonly pollMs: number;
  private readonly watch: ExpiryWatch;

  constructor(
    private readonly store: AuditLeaseStore,
    options: WriterTurnOptions = {},
    private readonly metrics: AuditWriteMetrics = noAuditWriteMetrics,
  ) {
    this.leaseTtlMs = options.leaseTtlMs ?? 2_000;
    this.maxWaitMs = options.maxWaitMs ?? 1_500;
    this.pollMs = options.pollMs ?? 4;
    this.watch = new ExpiryWatch(this.leaseTtlMs);
  }

  /** Seconds a refused client should wait: by then a stuck lease has been taken over. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.leaseTtlMs / 1000));
  }

  /** True when another writer holds the tenant's lease right now. */
  async heldByOther(tenantId: string): Promise<boolean> {
    const lease = await this.store.read(leaseIdOf(tenantId));
    return lease !== null && lease.holder !== this.writerId;
  }

  /** True when another writer waits for the tenant's lease. */
  async othersWaiting(tenantId: string): Promise<boolean> {
    const next = await this.store.read(nextIdOf(tenantId));
    return next !== null && next.holder !== this.writerId;
  }

  /** Waits (bounded) for the tenant's turn; throws AuditBusyError when the wait runs out. */
  async acquire(tenantId: string): Promise<WriterTurn> {
    const started = performance.now();
    const lease = this.fresh(tenantId, leaseIdOf(tenantId));
    let queuePlace: LeaseDocument | null = null;
    try {
      for (let round = 0; ; round++) {
        if (!queuePlace) {
          const next = await this.store.read(nextIdOf(tenantId));
          // Nobody queues: the lease may be free, try it at once (the common case costs two round trips).
          if (!next && round === 0 && (await this.store.tryInsert(lease))) return this.turn(tenantId, lease, started, false);
          if (!next || this.watch.isAbandoned(next)) {
            queuePlace = await this.take(next, this.fresh(tenantId, nextIdOf(tenantId)));
          }
        }
        if (queuePlace) {
          const current = await this.store.read(leaseIdOf(tenantId));
          if ((!current || this.watch.isAbandoned(current)) && (await this.take(current, lease))) {
            await this.store.remove(queuePlace._id, queuePlace.token);
            queuePlace = null;
            return this.turn(tenantId, lease, started, round > 0);
          }
        }
        const waited = performance.now() - started;
        if (waited >= this.maxWaitMs) {
          this.metrics.waited(waited / 1000);
          throw new AuditBusyError(tenantId, this.retryAfterSeconds, `no turn within ${Math.round(waited)} ms`);
        }
        await sleep(this.pollMs * (0.5 + Math.random()));
      }
    } finally {
      // Gave up (or failed) while queued: let the writer behind us in.
      if (queuePlace) await this.store.remove(queuePlace._id, queuePlace.token).catch(() => {});
    }
  }

  /** Inserts `mine`, first removing `abandoned` when there is one; the document if we got it. */
  private async take(abandoned: LeaseDocument | null, mine: LeaseDocument): Promise<LeaseDocument | null> {
    if (abandoned) {
      await this.store.remove(abandoned._id, abandoned.token);
      if (!(await this.store.tryInsert(mine))) return null;
      this.metrics.takeover();
      return mine;
    }
    return (await this.store.tryInsert(mine)) ? mine : null;
  }

  private fresh(tenantId: string, id: string): LeaseDocument {
    return { _id: id, tenantId, holder: this.writerId, token: randomUUID(), acquiredAt: new Date() };
  }

  private turn(tenantId: string, lease: LeaseDocument, started: number, waited: boolean): WriterTurn {
    if (waited) this.metrics.waited((performance.now() - started) / 1000);
    return { waited, release: () => this.store.remove(leaseIdOf(tenantId), lease.token) };
  }
}
