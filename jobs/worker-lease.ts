import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { collectionNamed } from '../store/collection.js';
import { isDuplicateKeyError } from '../store/duplicate-key.js';

/**
 * The right to run the one job worker of an embedded-engine database, held by one process at a
 * time. FerretDB 1.24 has exactly one write that is atomic between processes: inserting a
 * document whose `_id` exists fails. Its find-and-modify, updates and deletes read first and
 * write later, so a lease that is "taken" by updating or deleting a shared document could be
 * taken twice.
 *
 * So the lease is a row of generations, each one an inserted document `workerLease:<n>`. The
 * newest generation is the lease. Whoever holds generation n renews it by updating its own
 * document (nobody else updates it, so the missing atomicity cannot bite; a later holder only
 * deletes it as history); a waiting process that finds the newest generation expired takes over
 * by inserting generation n+1, which exactly one contender can do. A holder that finds a newer generation than its own, or
 * that could not renew before its own expiry, has lost the lease and must stop its worker.
 */
export const WORKER_LEASE_COLLECTION = 'workerLeases';
/** Without a heartbeat for this long, a holder counts as dead. */
export const DEFAULT_LEASE_MS = 30_000;

interface LeaseDocument {
  _id: string;
  generation: number;
  holder: string;
  acquiredAt: Date;
  expiresAt: Date;
}

export type LeaseAttempt = { acquired: true } | { acquired: false; holder: string; expiresAt: Date };

const idOf = (generation: number) => `workerLease:${String(generation).padStart(12, '0')}`;

/** Names this process in the lease (and in the log line of a process that waits for it). */
export function describeProcess(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export class WorkerLease {
  private readonly leases: Collection<LeaseDocument>;
  private generation: number | null = null;
  private expiresAt = 0;

  constructor(
    connection: Connection,
    readonly holder: string = describeProcess(),
    readonly leaseMs: number = DEFAULT_LEASE_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.leases = collectionNamed<LeaseDocument>(connection, WORKER_LEASE_COLLECTION);
  }

  /** Whether this process believes it holds the lease right now (its own expiry not yet reached). */
  get held(): boolean {
    return this.generation !== null && this.now() < this.expiresAt;
  }

  /** Milliseconds until this process's lease runs out unless renewed (0 when it holds none). */
  get remainingMs(): number {
    return this.generation === null ? 0 : Math.max(0, this.expiresAt - this.now());
  }

  /** Takes the lease when nobody holds it or its holder's time ran out; otherwise says who holds it. */
  async tryAcquire(): Promise<LeaseAttempt> {
    // Two rounds: a contender that inserted generation n+1 between our read and our insert wins.
    for (let round = 0; round < 2; round++) {
      const newest = await this.newest();
      const now = this.now();
      if (newest && newest.expiresAt.getTime() > now) {
        if (newest.holder === this.holder && newest.generation === this.generation) return { acquired: true };
        return { acquired: false, holder: newest.holder, expiresAt: newest.expiresAt };
      }
      const generation = (newest?.generation ?? 0) + 1;
      const expiresAt = new Date(now + this.leaseMs);
      try {
        await this.leases.insertOne({
          _id: idOf(generation),
          generation,
          holder: this.holder,
          acquiredAt: new Date(now),
          expiresAt,
        });
      } catch (error) {
        if (isDuplicateKeyError(error)) continue;
        throw error;
      }
      // A contender that read long ago may insert a generation a newer holder already cleaned
      // up; the newest one is the lease, so that insert won nothing.
      if (!(await this.isNewest(generation))) {
        await this.leases.deleteOne({ _id: idOf(generation), holder: this.holder }).catch(() => {});
        continue;
      }
      this.generation = generation;
      this.expiresAt = expiresAt.getTime();
      // Older generations are history nobody writes to any more.
      await this.leases.deleteMany({ generation: { $lt: generation } }).catch(() => {});
      return { acquired: true };
    }
    const newest = await this.newest();
    return { acquired: false, holder: newest?.holder ?? 'unknown', expiresAt: newest?.expiresAt ?? new Date(this.now()) };
  }

  /**
   * Extends the lease. False when it is lost: a newer generation exists, or our own expiry passed
   * before we could renew (someone may have taken over meanwhile, so we must not carry on).
   */
  async renew(): Promise<boolean> {
    if (this.generation === null) return false;
    const generation = this.generation;
    if (this.now() >= this.expiresAt) return this.lose();
    if (!(await this.isNewest(generation))) return this.lose();
    const expiresAt = this.now() + this.leaseMs;
    const renewed = await this.leases.updateOne(
      { _id: idOf(generation), holder: this.holder },
      { $set: { expiresAt: new Date(expiresAt) } },
    );
    // Checked again after writing: a takeover that read our old expiry just before it passed.
    if (renewed.matchedCount !== 1 || !(await this.isNewest(generation))) return this.lose();
    this.expiresAt = expiresAt;
    return true;
  }

  /** Gives the lease up at once, so a waiting process need not wait for it to expire. */
  async release(): Promise<void> {
    if (this.generation === null) return;
    const generation = this.generation;
    this.lose();
    await this.leases.updateOne({ _id: idOf(generation), holder: this.holder }, { $set: { expiresAt: new Date(0) } });
  }

  private lose(): false {
    this.generation = null;
    this.expiresAt = 0;
    return false;
  }

  private async isNewest(generation: number): Promise<boolean> {
    return (await this.newest())?.generation === generation;
  }

  private async newest(): Promise<LeaseDocument | null> {
    const [newest] = await this.leases.find({}, { sort: { generation: -1 }, limit: 1 }).toArray();
    return newest ?? null;
  }
}
