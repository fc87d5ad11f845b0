import type { Collection } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import { isDuplicateKeyError } from '../../store/duplicate-key.js';
import { databaseEngine } from '../../store/engine.js';
import { auditEventModel, type AuditEventDocument } from './audit.model.js';
import type { AuditEventFilter } from './audit.types.js';

/**
 * The only code that talks to the database about audit events. It can insert and read; there is
 * deliberately no method that updates or deletes.
 *
 * Engine note (measured on FerretDB 1.24/SQLite): every query except an insert is a scan there,
 * even an `_id` equality lookup (its SQL never matches the `_id` index expression), and filters,
 * sorts and counts are evaluated in FerretDB's Go code document by document. So the write path
 * keeps the chain tail in memory and reads only after a collision or a restart; reads are shaped
 * for MongoDB's indexes (tenantId + field + seq) and are merely correct on FerretDB.
 */
export class AuditRepository {
  readonly model: Model<AuditEventDocument>;

  constructor(connection: Connection) {
    this.model = auditEventModel(connection);
  }

  private get collection(): Collection<AuditEventDocument> {
    return this.model.collection as unknown as Collection<AuditEventDocument>;
  }

  /**
   * Inserts in order and stops at the first duplicate key, reporting how many went in. Any other
   * failure throws: the caller cannot know whether those writes landed.
   */
  async insertChain(docs: AuditEventDocument[]): Promise<{ inserted: number; duplicate: boolean }> {
    try {
      await this.collection.insertMany(docs, { ordered: true });
      return { inserted: docs.length, duplicate: false };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const inserted = (error as { insertedCount?: number }).insertedCount ?? 0;
      return { inserted, duplicate: true };
    }
  }

  /** The last event of the tenant's chain: an index lookup on MongoDB, a pass over all on FerretDB. */
  async readTail(tenantId: string): Promise<{ seq: number; hash: string } | null> {
    const projection = { seq: 1, hash: 1 };
    type TailDoc = Pick<AuditEventDocument, 'seq' | 'hash'>;
    if (await this.isFerretDb()) {
      // Sorting to take the last would hold every event of the tenant in FerretDB's memory; a
      // pass that keeps only the highest seq costs the same time and no memory.
      let tail: TailDoc | null = null;
      for await (const doc of this.collection.find<TailDoc>({ tenantId }, { projection, batchSize: 10_000 })) {
        if (!tail || doc.seq > tail.seq) tail = doc;
      }
      return tail && { seq: tail.seq, hash: tail.hash };
    }
    const last = await this.collection.find<TailDoc>({ tenantId }, { sort: { seq: -1 }, limit: 1, projection }).toArray();
    return last[0] ? { seq: last[0].seq, hash: last[0].hash } : null;
  }

  /** Newest first, strictly older than `beforeSeq` when given. */
  async findPage(
    tenantId: string,
    filter: AuditEventFilter,
    beforeSeq: number | null,
    limit: number,
  ): Promise<AuditEventDocument[]> {
    const query = toQuery(tenantId, filter);
    if (beforeSeq !== null) query.seq = { $lt: beforeSeq };
    return this.collection.find<AuditEventDocument>(query, { sort: { seq: -1 }, limit }).toArray();
  }

  async count(tenantId: string, filter: AuditEventFilter): Promise<number> {
    return this.collection.countDocuments(toQuery(tenantId, filter));
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

/** Values are coerced, so a filter that skipped parseAuditFilter still cannot smuggle in operators. */
function toQuery(tenantId: string, filter: AuditEventFilter): Record<string, unknown> {
  const query: Record<string, unknown> = { tenantId: String(tenantId) };
  if (filter.accountId !== undefined) query.accountId = String(filter.accountId);
  if (filter.actor !== undefined) query.actor = String(filter.actor);
  if (filter.eventType !== undefined) query.type = String(filter.eventType);
  if (filter.outcome !== undefined) query.outcome = String(filter.outcome);
  if (filter.from || filter.to) {
    query.occurredAt = { ...(filter.from && { $gte: new Date(filter.from) }), ...(filter.to && { $lt: new Date(filter.to) }) };
  }
  return query;
}
