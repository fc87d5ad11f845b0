import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '../../store/duplicate-key.js';
import {
  dataExportModel,
  exportSlotModel,
  type DataExportDocument,
  type DataExportModel,
  type ExportSlotDocument,
  type ExportSlotModel,
  type ExportStatus,
} from './export.model.js';
import { collectionOf } from '../../store/collection.js';
import type { ExportArchiveStore } from './export-store.js';

/** Unfinished exports: they hold the account's slot. */
export const UNFINISHED: readonly ExportStatus[] = ['PENDING', 'RUNNING'];

/** How long an unreferenced archive or chunk set is left alone: an upload may still be under way. */
export const ORPHAN_ARCHIVE_AGE_MS = 60 * 60_000;

/**
 * The only code that reads and writes export records, slots and archives. The archives live
 * encrypted in the database (export-store.ts); a record names its finished archive in `file`.
 */
export class ExportRepository {
  readonly exports: DataExportModel;
  readonly slots: ExportSlotModel;

  constructor(
    connection: Connection,
    readonly archives: ExportArchiveStore,
  ) {
    this.exports = dataExportModel(connection);
    this.slots = exportSlotModel(connection);
  }

  /** Deletes the export's archive with its chunks, if it has one. */
  async removeArchive(file: DataExportDocument['file'] | undefined): Promise<void> {
    await this.archives.remove(file?.archiveId);
  }

  /**
   * Deletes archives (and chunks of dead uploads) older than ORPHAN_ARCHIVE_AGE_MS that no READY
   * export names: a worker killed mid-upload, a run that stopped after storing, a purge cut short.
   */
  async sweepOrphanArchives(now: Date): Promise<number> {
    const ready = await collectionOf<DataExportDocument>(this.exports)
      .find<Pick<DataExportDocument, 'file'>>({ status: 'READY' }, { projection: { file: 1 } })
      .toArray();
    const keep = new Set(ready.flatMap((doc) => (doc.file ? [doc.file.archiveId] : [])));
    return this.archives.sweep(keep, new Date(now.getTime() - ORPHAN_ARCHIVE_AGE_MS));
  }

  async insert(doc: DataExportDocument): Promise<void> {
    await collectionOf<DataExportDocument>(this.exports).insertOne(doc);
  }

  async get(id: string): Promise<DataExportDocument | null> {
    return collectionOf<DataExportDocument>(this.exports).findOne<DataExportDocument>({ _id: id });
  }

  async listForAccount(tenantId: string, accountId: string, limit = 50): Promise<DataExportDocument[]> {
    return collectionOf<DataExportDocument>(this.exports)
      .find<DataExportDocument>({ tenantId, accountId }, { sort: { requestedAt: -1 }, limit })
      .toArray();
  }

  async requestedSince(accountId: string, since: Date): Promise<Date[]> {
    const docs = await collectionOf<DataExportDocument>(this.exports)
      .find<Pick<DataExportDocument, 'requestedAt'>>(
        { accountId, requestedAt: { $gt: since } },
        { projection: { requestedAt: 1 }, sort: { requestedAt: 1 } },
      )
      .toArray();
    return docs.map((doc) => doc.requestedAt);
  }

  /** Changes fields only while the export is in one of `from` (guards against a racing run). */
  async update(id: string, from: readonly ExportStatus[], set: Partial<DataExportDocument>): Promise<boolean> {
    const result = await this.exports.updateOne({ _id: id, status: { $in: [...from] } }, { $set: set });
    return result.matchedCount === 1;
  }

  async find(query: Record<string, unknown>, limit = 500): Promise<DataExportDocument[]> {
    return collectionOf<DataExportDocument>(this.exports).find<DataExportDocument>(query, { limit }).toArray();
  }

  /** Every export of an account, archives and records (pseudonymisation: the archives hold personal data). */
  async deleteAllFor(tenantId: string, accountId: string): Promise<void> {
    const docs = await this.listForAccount(tenantId, accountId, 10_000);
    for (const doc of docs) await this.removeArchive(doc.file);
    await this.exports.deleteMany({ tenantId, accountId });
    await this.slots.deleteMany({ _id: accountId });
  }

  /** True when the slot is now this export's; false when another export holds it. */
  async claimSlot(accountId: string, tenantId: string, exportId: string, at: Date): Promise<boolean> {
    try {
      await collectionOf<ExportSlotDocument>(this.slots).insertOne({ _id: accountId, tenantId, exportId, createdAt: at });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async slotHolder(accountId: string): Promise<string | null> {
    const slot = await collectionOf<ExportSlotDocument>(this.slots).findOne<{ exportId: string }>({ _id: accountId });
    return slot?.exportId ?? null;
  }

  /** Frees the slot, but only if `exportId` still holds it. */
  async releaseSlot(accountId: string, exportId: string): Promise<void> {
    await this.slots.deleteOne({ _id: accountId, exportId });
  }
}
