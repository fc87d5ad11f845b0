import { setTimeout as sleep } from 'node:timers/promises';
import { documentIdOf, type AuditEventDocument } from './audit.model.js';
import { computeEventHash, GENESIS_HASH, type HashedFields } from './audit.hash.js';
import type { AuditRepository } from './audit.repository.js';

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

export class AuditWriteConflictError extends Error {
  constructor(tenantId: string, attempts: number) {
    super(`Could not append to the audit trail of tenant ${tenantId}: ${attempts} attempts collided with other writers.`);
    this.name = 'AuditWriteConflictError';
  }
}

export interface ChainWriterOptions {
  /** Events of one tenant written in one insert; bounds latency and request size. */
  maxBatch?: number;
  /** Collisions in a row (without progress) before giving up. */
  maxAttempts?: number;
}

/**
 * Appends events to per-tenant hash chains.
 *
 * Correctness comes from the database alone: the next event's `_id` (tenant + seq) is unique, so of
 * two writers (in this process or another) that chose the same seq exactly one insert succeeds; the
 * other re-reads the tail and re-chains. Everything else here is performance:
 * - appends of one tenant are queued in this process, so they never collide with each other;
 * - events that queue up while an insert is in flight go out together in the next insert (group
 *   commit), which is what lifts the rate above one event per database round trip;
 * - the tail (last seq and hash) is remembered, so the steady state is insert-only; it is read
 *   again only after a collision, an unknown write outcome, or a restart.
 */
export class ChainWriter {
  private readonly tails = new Map<string, Tail>();
  private readonly queues = new Map<string, Pending[]>();
  private readonly maxBatch: number;
  private readonly maxAttempts: number;
  /** Inserts that lost a race to another writer; for metrics and tests. */
  collisions = 0;

  constructor(
    private readonly repository: AuditRepository,
    options: ChainWriterOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 200;
    this.maxAttempts = options.maxAttempts ?? 25;
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
      while (queue.length > 0) await this.writeBatch(tenantId, queue.splice(0, this.maxBatch));
    } finally {
      this.queues.delete(tenantId);
    }
  }

  /** Settles every promise in `batch`; never throws. */
  private async writeBatch(tenantId: string, batch: Pending[]): Promise<void> {
    let remaining = batch;
    let collisions = 0;
    while (remaining.length > 0) {
      try {
        const tail = this.tails.get(tenantId) ?? (await this.repository.readTail(tenantId)) ?? { seq: 0, hash: GENESIS_HASH };
        const docs = chain(
          tail,
          remaining.map((p) => p.event),
        );
        const { inserted, duplicate } = await this.repository.insertChain(docs);
        if (inserted > 0) this.tails.set(tenantId, { seq: docs[inserted - 1]!.seq, hash: docs[inserted - 1]!.hash });
        remaining.slice(0, inserted).forEach((pending, i) => pending.resolve(docs[i]!));
        remaining = remaining.slice(inserted);
        if (!duplicate) continue;
        // Another writer took our seq: forget the tail and try again after a short random pause.
        this.tails.delete(tenantId);
        this.collisions += 1;
        collisions = inserted > 0 ? 1 : collisions + 1;
        if (collisions >= this.maxAttempts) throw new AuditWriteConflictError(tenantId, collisions);
        await sleep(1 + Math.random() * Math.min(20, 2 * collisions));
      } catch (error) {
        // The write may or may not have landed; the next append must re-read the tail.
        this.tails.delete(tenantId);
        remaining.forEach((pending) => pending.reject(error));
        return;
      }
    }
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
