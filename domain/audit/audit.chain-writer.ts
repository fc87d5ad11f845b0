import { setTimeout as sleep } from 'node:timers/promises';
import { documentIdOf, type AuditEventDocument } from './audit.model.js';
import { computeEventHash, GENESIS_HASH, type HashedFields } from './audit.hash.js';
import { AuditBusyError, AuditWriteConflictError } from './audit.busy-error.js';
import type { WriterTurn, WriterTurns } from './audit.lease.js';
import { noAuditWriteMetrics, type AuditWriteMetrics } from './audit.metrics.js';
import type { AuditRepository } from './audit.repository.js';
import { OtherWriters } from './audit.other-writers.js';

export { AuditBusyError, AuditWriteConflictError } from './audit.busy-error.js';

/** An event ready to be chained: everything but its place in the chain. */
export type UnchainedEvent = Omit<HashedFields, 'seq' | 'prevHash'>;

interface Pending {
  event: UnchainedEvent;
  resolve: (doc: AuditEventDocument) => void;
  reject: (error: unknown) => void;
}

interface Tail {
  seq: number;
  hash: string;
}

export interface ChainWriterOptions {
  /** Events of one tenant written in one insert; bounds latency and request size. */
  maxBatch?: number;
  /** Collisions in a row (without progress) before giving up with AuditWriteConflictError (503). */
  maxAttempts?: number;
  /** How long after the last sign of competition appends keep taking turns (default 1 s). */
  contentionWindowMs?: number;
  /** Longest a writer keeps the turn while it has events queued, when nobody waits (default 250 ms). */
  maxTurnMs?: number;
  /** Collisions in a row, outside a turn, after which appends take turns (default 5: losing that often is starving). */
  turnAfterCollisions?: number;
  /** At most one look at the lease per tenant per this many ms while racing (default 250). */
  leaseCheckMs?: number;
  /** While others write a tenant's chain, how often the remembered tail is brought up to date between appends (default 10 ms; 0: never). */
  followEveryMs?: number;
}

/**
 * Appends events to per-tenant hash chains.
 *
 * Correctness comes from the database alone: the next event's `_id` (tenant + seq) is unique, so of
 * two writers (in this process or another) that chose the same seq exactly one insert succeeds; the
 * other re-reads the tail and re-chains. Everything else here is performance and fairness:
 * - appends of one tenant are queued in this process, so they never collide with each other;
 * - events that queue up while an insert is in flight go out together in the next insert (group
 *   commit), which is what lifts the rate above one event per database round trip;
 * - the tail (last seq and hash) is remembered, so the steady state is insert-only; after a
 *   collision only the events newer than the remembered tail are read, by `_id`;
 * - while other replicas write the same chain (a collision within the last second), a writer first
 *   reads the few events just past its tail by `_id` (as many as the others added last time), so it
 *   inserts onto the real end instead of losing the insert to find out; between its appends it
 *   follows the end (a lookup every followEveryMs), so that round stays short;
 * - a writer that keeps losing (five collisions in a row) or meets another writer's lease takes
 *   turns through a per-tenant writer lease (audit.lease.ts), so a replica that keeps losing the
 *   insert race still gets its turn; a lone writer never looks at the lease;
 * - waiting for a turn is bounded: past it the append fails with AuditBusyError (HTTP 503, retry).
 */
export class ChainWriter {
  private readonly tails = new Map<string, Tail>();
  private readonly queues = new Map<string, Pending[]>();
  /** Per tenant, until when (performance.now()) appends take turns. */
  private readonly contendedUntil = new Map<string, number>();
  private readonly maxBatch: number;
  private readonly maxAttempts: number;
  private readonly contentionWindowMs: number;
  private readonly maxTurnMs: number;
  private readonly turnAfterCollisions: number;
  private readonly leaseCheckMs: number;
  private readonly others: OtherWriters;
  /** Per tenant, when (performance.now()) this writer last looked at the lease outside a turn. */
  private readonly leaseCheckedAt = new Map<string, number>();
  private readonly followEveryMs: number;
  /** Tenants whose chain this writer is following (see follow). */
  private readonly following = new Set<string>();
  /** Inserts that lost a race to another writer; for metrics and tests. */
  collisions = 0;
  /** Turns that had to wait for another writer; for tests. */
  waits = 0;

  constructor(
    private readonly repository: AuditRepository,
    options: ChainWriterOptions = {},
    /** Without turns (tests, benchmarks of the bare path) writers only race, as before. */
    private readonly turns: WriterTurns | null = null,
    private readonly metrics: AuditWriteMetrics = noAuditWriteMetrics,
  ) {
    this.maxBatch = options.maxBatch ?? 200;
    this.maxAttempts = options.maxAttempts ?? 25;
    this.contentionWindowMs = options.contentionWindowMs ?? 1_000;
    this.maxTurnMs = options.maxTurnMs ?? 250;
    this.turnAfterCollisions = options.turnAfterCollisions ?? 5;
    this.leaseCheckMs = options.leaseCheckMs ?? 250;
    this.followEveryMs = options.followEveryMs ?? 10;
    this.others = new OtherWriters(this.contentionWindowMs);
  }

  append(event: UnchainedEvent): Promise<AuditEventDocument> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { event, resolve, reject };
      const queue = this.queues.get(event.tenantId);
      if (queue) {
        queue.push(pending);
        return;
      }
      const fresh = [pending];
      this.queues.set(event.tenantId, fresh);
      void this.drain(event.tenantId, fresh);
    });
  }

  private async drain(tenantId: string, queue: Pending[]): Promise<void> {
    try {
      while (queue.length > 0) {
        if (this.turns && this.isContended(tenantId)) await this.writeInTurn(this.turns, tenantId, queue);
        else await this.writeBatch(tenantId, queue, null);
      }
    } finally {
      this.queues.delete(tenantId);
    }
  }

  /** Adopts the tail found after `known`, noting how far others had moved it. */
  private async catchUp(tenantId: string, known: Tail, found: Promise<Tail>): Promise<Tail> {
    const tail = await found;
    this.others.sawAdded(tenantId, tail.seq - known.seq);
    this.tails.set(tenantId, tail);
    if (this.others.isActive(tenantId)) this.follow(tenantId);
    return tail;
  }

  /**
   * While other writers are active on the tenant's chain, reads what they added every
   * followEveryMs between this writer's appends, so that an append finds its tail at most that old
   * and needs one short round of lookups, not one as long as everything added since its last append.
   * Stops when the others go quiet; holds no timer the process would wait for.
   */
  private follow(tenantId: string): void {
    if (this.followEveryMs <= 0 || this.following.has(tenantId)) return;
    this.following.add(tenantId);
    void (async () => {
      try {
        while (this.others.isActive(tenantId)) {
          await sleep(this.followEveryMs, undefined, { ref: false });
          const known = this.tails.get(tenantId);
          // An append underway reads for itself; without a tail there is nothing to follow.
          if (this.queues.has(tenantId) || !known) continue;
          const tail = await this.repository.readNewerTail(tenantId, known, 1);
          // Adopted only if no append moved the tail meanwhile (theirs is newer).
          if (this.tails.get(tenantId) !== known) continue;
          this.others.sawAdded(tenantId, tail.seq - known.seq);
          this.tails.set(tenantId, tail);
        }
      } catch {
        // A failed look costs nothing: the next append reads for itself.
      } finally {
        this.following.delete(tenantId);
      }
    })();
  }

  private isContended(tenantId: string): boolean {
    return (this.contendedUntil.get(tenantId) ?? 0) > performance.now();
  }

  private markContended(tenantId: string): void {
    this.contendedUntil.set(tenantId, performance.now() + this.contentionWindowMs);
  }

  /** Takes the tenant's turn, writes batches while nobody waits (at most maxTurnMs), hands the turn on. */
  private async writeInTurn(turns: WriterTurns, tenantId: string, queue: Pending[]): Promise<void> {
    let turn: WriterTurn;
    try {
      turn = await turns.acquire(tenantId);
    } catch (error) {
      // Everything queued waited the same bounded time: all of it is refused, none of it written.
      const refused = queue.splice(0);
      if (error instanceof AuditBusyError) this.metrics.busy(refused.length);
      refused.forEach((pending) => pending.reject(error));
      return;
    }
    try {
      if (turn.waited) {
        this.waits += 1;
        // Others wrote while we waited: catch up by reading only what they added.
        const known = this.tails.get(tenantId);
        if (known)
          await this.catchUp(tenantId, known, this.repository.readNewerTail(tenantId, known, this.others.lookAhead(tenantId)));
      }
      const started = performance.now();
      while (queue.length > 0) {
        const [, othersWaiting] = await Promise.all([
          this.writeBatch(tenantId, queue, turn),
          // Asked alongside the insert, so looking costs no latency.
          turns.othersWaiting(tenantId),
        ]);
        if (othersWaiting || performance.now() - started > this.maxTurnMs) break;
      }
    } catch (error) {
      this.tails.delete(tenantId);
      queue.splice(0).forEach((pending) => pending.reject(error));
    } finally {
      await turn.release().catch(() => {});
    }
  }

  /**
   * Writes the next batch of `queue`. Settles every promise it takes, except when competition is
   * detected outside a turn: then the unwritten rest goes back to the front of the queue.
   */
  private async writeBatch(tenantId: string, queue: Pending[], turn: WriterTurn | null): Promise<void> {
    let remaining = queue.splice(0, this.maxBatch);
    let collisions = 0;
    try {
      while (remaining.length > 0) {
        let tail = this.tails.get(tenantId);
        if (tail && !turn && collisions === 0 && this.others.isActive(tenantId)) {
          // Others are writing this chain too, so our tail is probably stale: read what they probably
          // added since (one round of `_id` lookups just past it) rather than lose an insert to find
          // out. Only events that exist are chained onto, so no gap.
          tail = await this.catchUp(
            tenantId,
            tail,
            this.repository.readNewerTail(tenantId, tail, this.others.lookAhead(tenantId)),
          );
        }
        if (!tail) {
          // Once per process and tenant (or after an unknown write outcome): look at the lease too.
          const [read, foreignLease] = await Promise.all([
            this.repository.readTail(tenantId),
            turn || !this.turns ? false : this.turns.heldByOther(tenantId),
          ]);
          tail = read ?? { seq: 0, hash: GENESIS_HASH };
          this.tails.set(tenantId, tail);
          if (foreignLease) {
            this.waitForTurn(tenantId, queue, remaining);
            return;
          }
        }
        const docs = chain(
          tail,
          remaining.map((p) => p.event),
        );
        const { inserted, duplicate } = await this.repository.insertChain(docs);
        if (inserted > 0) {
          const last = { seq: docs[inserted - 1]!.seq, hash: docs[inserted - 1]!.hash };
          this.tails.set(tenantId, last);
          this.others.caughtUp(tenantId);
        }
        remaining.slice(0, inserted).forEach((pending, i) => pending.resolve(docs[i]!));
        remaining = remaining.slice(inserted);
        if (!duplicate) continue;

        // Another writer took our seq. Read only what the others added: as far past our tail as they
        // probably got (one round of lookups), searching on from there if they got further. Outside a
        // turn, also look whether a writer holds the lease (at most every leaseCheckMs).
        this.collisions += 1;
        this.metrics.collision();
        this.others.collided(tenantId);
        collisions = inserted > 0 ? 1 : collisions + 1;
        const known = this.tails.get(tenantId)!;
        const [, foreignLease] = await Promise.all([
          this.catchUp(tenantId, known, this.repository.readNewerTail(tenantId, known, this.others.lookAhead(tenantId))),
          this.foreignLease(tenantId, turn),
        ]);
        if (this.turns && !turn && (foreignLease || collisions >= this.turnAfterCollisions)) {
          this.waitForTurn(tenantId, queue, remaining);
          return;
        }
        if (collisions >= this.maxAttempts) {
          throw new AuditWriteConflictError(tenantId, collisions, this.turns?.retryAfterSeconds);
        }
        // Without turns, a short random pause keeps two racing writers from colliding in lockstep.
        if (!this.turns) await sleep(1 + Math.random() * Math.min(20, 2 * collisions));
      }
    } catch (error) {
      // The write may or may not have landed; the next append must re-read the tail.
      this.tails.delete(tenantId);
      if (error instanceof AuditBusyError) this.metrics.busy(remaining.length);
      remaining.forEach((pending) => pending.reject(error));
    }
  }

  /**
   * After a collision outside a turn, whether another writer holds the tenant's lease; asked at most
   * every leaseCheckMs, because among writers that race steadily a collision is common.
   */
  private async foreignLease(tenantId: string, turn: WriterTurn | null): Promise<boolean> {
    if (turn || !this.turns) return false;
    const now = performance.now();
    if (now - (this.leaseCheckedAt.get(tenantId) ?? -Infinity) < this.leaseCheckMs) return false;
    this.leaseCheckedAt.set(tenantId, now);
    return this.turns.heldByOther(tenantId);
  }

  /** Competition seen outside a turn: put the rest back first in line, to be written in a turn. */
  private waitForTurn(tenantId: string, queue: Pending[], remaining: Pending[]): void {
    this.markContended(tenantId);
    queue.unshift(...remaining);
  }
}

function chain(tail: Tail, events: UnchainedEvent[]): AuditEventDocument[] {
  let previous = tail;
  return events.map((event) => {
    const seq = previous.seq + 1;
    const fields: HashedFields = { ...event, seq, prevHash: previous.hash };
    const hash = computeEventHash(fields);
    previous = { seq, hash };
    return { _id: documentIdOf(event.tenantId, seq), ...fields, hash };
  });
}

/** Builds a valid chain without the database: for seeding benchmarks and tests in bulk. */
export function chainEvents(tail: Tail | null, events: UnchainedEvent[]): AuditEventDocument[] {
  return chain(tail ?? { seq: 0, hash: GENESIS_HASH }, events);
}
