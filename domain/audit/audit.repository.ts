import type { Collection } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import { collectionOf } from '../../store/collection.js';
import { isDuplicateKeyError } from '../../store/duplicate-key.js';
import { databaseEngine } from '../../store/engine.js';
import { auditEventModel, documentIdOf, type AuditEventDocument } from './audit.model.js';
import { FANOUT, findLastPresent } from './audit.tail-search.js';
import type { AuditEventFilter } from './audit.types.js';

type TailDoc = Pick<AuditEventDocument, 'seq' | 'hash'>;

/**
 * The only code that talks to the database about audit events. It can insert and read; there is
 * deliberately no method that updates or deletes.
 *
 * Engine note (FerretDB 1.24/SQLite, see the embedded-engine reference): a lookup by `_id` alone is
 * an index search there (≈ 1 ms at 100k events); every other filter, sort and count reads the
 * whole collection in FerretDB's Go code (≈ 60 µs per event). `_id` is `tenant:seq` and seqs are
 * dense (1, 2, 3, … per tenant; the chain writer never skips one), so on FerretDB the tail, the
 * unfiltered newest pages and the unfiltered total are found by `_id` lookups alone. Filtered
 * reads stay scans there; they are shaped for MongoDB's compound indexes (tenantId + field + seq).
 */
/** Rounds of lookups one after another before readNewerTail switches to an exponential search. */
const LINEAR_ROUNDS = 2;

export class AuditRepository {
  readonly model: Model<AuditEventDocument>;
  /** Per tenant, a seq known to exist (events are never deleted): where the next tail search starts. */
  private readonly knownSeq = new Map<string, number>();
  private readonly tailSearches = new Map<string, Promise<number>>();

  constructor(connection: Connection) {
    this.model = auditEventModel(connection);
  }

  private get collection(): Collection<AuditEventDocument> {
    return collectionOf<AuditEventDocument>(this.model);
  }

  /**
   * Inserts in order and stops at the first duplicate key, reporting how many went in. Any other
   * failure throws: the caller cannot know whether those writes landed.
   */
  async insertChain(docs: AuditEventDocument[]): Promise<{ inserted: number; duplicate: boolean }> {
    const remember = (inserted: number) => {
      if (inserted > 0) this.remember(docs[inserted - 1]!.tenantId, docs[inserted - 1]!.seq);
    };
    try {
      await this.collection.insertMany(docs, { ordered: true });
      remember(docs.length);
      return { inserted: docs.length, duplicate: false };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const inserted = (error as { insertedCount?: number }).insertedCount ?? 0;
      remember(inserted);
      return { inserted, duplicate: true };
    }
  }

  /** The last event of the tenant's chain: an index lookup on MongoDB, a search by `_id` on FerretDB. */
  async readTail(tenantId: string): Promise<{ seq: number; hash: string } | null> {
    const projection = { seq: 1, hash: 1 };
    if (await this.isFerretDb()) {
      const seq = await this.tailSeq(tenantId);
      if (seq === 0) return null;
      const tail = await this.collection.findOne<TailDoc>({ _id: documentIdOf(tenantId, seq) }, { projection });
      return tail && { seq: tail.seq, hash: tail.hash };
    }
    const last = await this.collection.find<TailDoc>({ tenantId }, { sort: { seq: -1 }, limit: 1, projection }).toArray();
    return last[0] ? { seq: last[0].seq, hash: last[0].hash } : null;
  }

  /**
   * The tail after other writers moved it past `known`, reading only what is newer: the events
   * known+1 … known+width by `_id` in one round (a writer among a few others is a few events behind),
   * then, while every one of them exists, the next FANOUT in another round (others added a little
   * more than guessed), and only past that the exponential search onward. Never a read from seq 0,
   * and on both engines nothing but `_id` point lookups.
   */
  async readNewerTail(
    tenantId: string,
    known: { seq: number; hash: string },
    width = FANOUT,
  ): Promise<{ seq: number; hash: string }> {
    const projection = { seq: 1, hash: 1 };
    const lookup = (seq: number) => this.collection.findOne<TailDoc>({ _id: documentIdOf(tenantId, seq) }, { projection });
    let tail: TailDoc | null = null;
    let after = known.seq;
    for (let round = 0; round < LINEAR_ROUNDS; round++) {
      const size = round === 0 ? width : FANOUT;
      const docs = await Promise.all(Array.from({ length: size }, (_, i) => lookup(after + 1 + i)));
      const firstAbsent = docs.findIndex((doc) => doc === null);
      if (firstAbsent !== 0) tail = docs[(firstAbsent === -1 ? size : firstAbsent) - 1]!;
      if (firstAbsent !== -1) return this.found(tenantId, tail, known);
      after += size;
    }
    const seq = await findLastPresent(after, (candidates) =>
      Promise.all(candidates.map((candidate) => this.exists(tenantId, candidate))),
    );
    return this.found(tenantId, await lookup(seq), known);
  }

  private found(tenantId: string, tail: TailDoc | null, known: { seq: number; hash: string }): { seq: number; hash: string } {
    if (!tail) return known;
    this.remember(tenantId, tail.seq);
    return { seq: tail.seq, hash: tail.hash };
  }

  /**
   * The highest seq of the tenant (0 when it has no events), by `_id` lookups: an exponential then
   * a binary search from the highest seq this process already knows, so a new process's first
   * append does not read the trail, and a known tail costs one lookup to confirm. Relies on seqs
   * being dense; a trail with events deleted behind its back (what verify reports) may be
   * searched short of its real end.
   */
  async tailSeq(tenantId: string): Promise<number> {
    // A page and its total ask at the same moment: one search answers both.
    const running = this.tailSearches.get(tenantId);
    if (running) return running;
    const search = findLastPresent(this.knownSeq.get(tenantId) ?? 0, (candidates) =>
      Promise.all(candidates.map((candidate) => this.exists(tenantId, candidate))),
    ).then((seq) => {
      this.remember(tenantId, seq);
      return seq;
    });
    this.tailSearches.set(tenantId, search);
    try {
      return await search;
    } finally {
      this.tailSearches.delete(tenantId);
    }
  }

  /** Newest first, strictly older than `beforeSeq` when given. */
  async findPage(
    tenantId: string,
    filter: AuditEventFilter,
    beforeSeq: number | null,
    limit: number,
  ): Promise<AuditEventDocument[]> {
    if (isUnfiltered(filter) && (await this.isFerretDb())) return this.newestByIds(tenantId, beforeSeq, limit);
    const query = toQuery(tenantId, filter);
    if (beforeSeq !== null) query.seq = { $lt: beforeSeq };
    return this.collection.find<AuditEventDocument>(query, { sort: { seq: -1 }, limit }).toArray();
  }

  /** On FerretDB the unfiltered total is the tail's seq (seqs are dense); anything else is counted. */
  async count(tenantId: string, filter: AuditEventFilter): Promise<number> {
    if (isUnfiltered(filter) && (await this.isFerretDb())) return this.tailSeq(tenantId);
    return this.collection.countDocuments(toQuery(tenantId, filter));
  }

  /** A page of the unfiltered trail by point lookups, in parallel: seqs below `beforeSeq` (or from the tail) down. */
  private async newestByIds(tenantId: string, beforeSeq: number | null, limit: number): Promise<AuditEventDocument[]> {
    const top = beforeSeq === null ? await this.tailSeq(tenantId) : Math.min(beforeSeq - 1, await this.tailSeq(tenantId));
    const seqs = Array.from({ length: Math.max(0, Math.min(limit, top)) }, (_, i) => top - i);
    const docs: Array<AuditEventDocument | null> = [];
    // A few at a time: the embedded engine answers 4 concurrent lookups in about the time of 2,
    // while 50 at once queue up behind each other and take longer than one after another.
    for (let i = 0; i < seqs.length; i += FANOUT) {
      const chunk = seqs.slice(i, i + FANOUT);
      docs.push(
        ...(await Promise.all(
          chunk.map((seq) => this.collection.findOne<AuditEventDocument>({ _id: documentIdOf(tenantId, seq) })),
        )),
      );
    }
    return docs.filter((doc): doc is AuditEventDocument => doc !== null);
  }

  private async exists(tenantId: string, seq: number): Promise<boolean> {
    return (await this.collection.findOne({ _id: documentIdOf(tenantId, seq) }, { projection: { _id: 1 } })) !== null;
  }

  private remember(tenantId: string, seq: number): void {
    if (seq > (this.knownSeq.get(tenantId) ?? 0)) this.knownSeq.set(tenantId, seq);
  }

  /**
   * The selection in seq order, fetched `batchSize` at a time through one server cursor, so the
   * caller's memory stays flat whatever the selection's size. (One cursor rather than a query per
   * seq range, because on FerretDB every query is a full pass over the collection.)
   *
   * MongoDB walks the (tenantId, seq) index. FerretDB would sort the whole selection in its own
   * memory first (≈ 800 MB for 100,000 events), so there we read in insertion order instead, which
   * for one tenant is seq order: event N+1 can only be written after N exists, because its hash
   * needs N's. Only tampering (deleting and re-inserting) breaks that; stream() and verify() check
   * the order and report it.
   */
  async *scan(
    tenantId: string,
    filter: AuditEventFilter,
    options: { afterSeq?: number; untilSeq?: number; batchSize: number },
  ): AsyncGenerator<AuditEventDocument> {
    const query = toQuery(tenantId, filter);
    const seqRange: Record<string, number> = {};
    if (options.afterSeq !== undefined) seqRange.$gt = options.afterSeq;
    if (options.untilSeq !== undefined) seqRange.$lte = options.untilSeq;
    if (Object.keys(seqRange).length) query.seq = seqRange;
    const sort = (await this.isFerretDb()) ? undefined : { seq: 1 as const };
    const cursor = this.collection.find<AuditEventDocument>(query, { sort, batchSize: options.batchSize });
    try {
      for await (const doc of cursor) yield doc;
    } finally {
      await cursor.close();
    }
  }

  private async isFerretDb(): Promise<boolean> {
    return (await databaseEngine(this.model.db)) === 'ferretdb';
  }
}

function isUnfiltered(filter: AuditEventFilter): boolean {
  return Object.values(filter).every((value) => value === undefined);
}

/** Values are coerced, so a filter that skipped parseAuditFilter still cannot smuggle in operators. */
function toQuery(tenantId: string, filter: AuditEventFilter): Record<string, unknown> {
  const query: Record<string, unknown> = { tenantId: String(tenantId) };
  if (filter.accountId !== undefined) query.accountId = String(filter.accountId);
  if (filter.actor !== undefined) query.actor = String(filter.actor);
  if (filter.subject !== undefined) {
    query.$or = [
      { accountId: { $in: filter.subject.accountIds.map(String) } },
      { subjectHash: String(filter.subject.subjectHash) },
    ];
  }
  if (filter.eventType !== undefined) query.type = String(filter.eventType);
  if (filter.outcome !== undefined) query.outcome = String(filter.outcome);
  if (filter.from || filter.to) {
    query.occurredAt = { ...(filter.from && { $gte: new Date(filter.from) }), ...(filter.to && { $lt: new Date(filter.to) }) };
  }
  return query;
}
