import { rm } from 'node:fs/promises';
import path from 'node:path';
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

/** Unfinished exports: they hold the account's slot. */
export const UNFINISHED: readonly ExportStatus[] = ['PENDING', 'RUNNING'];

/**
 * The only code that reads and writes export records, slots and files. Files live under
 * DATA_DIR/exports/<tenant>/<export id>.zip; both parts are ids we made, never user input.
 */
export class ExportRepository {
  readonly exports: DataExportModel;
  readonly slots: ExportSlotModel;
  readonly root: string;

  constructor(connection: Connection, dataDir: string) {
    this.exports = dataExportModel(connection);
    this.slots = exportSlotModel(connection);
    this.root = path.join(dataDir, 'exports');
  }

  relativePathOf(tenantId: string, exportId: string): string {
    return path.join(path.basename(tenantId), `${path.basename(exportId)}.zip`);
  }

  absolutePath(relative: string): string {
    const resolved = path.resolve(this.root, relative);
    if (!resolved.startsWith(this.root + path.sep)) throw new Error('export path outside the exports folder');
    return resolved;
  }

  async removeFile(relative: string | null | undefined): Promise<void> {
    if (!relative) return;
    const file = this.absolutePath(relative);
    await rm(file, { force: true });
    await rm(`${file}.part`, { force: true });
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

  /** Every export of an account, files and records (pseudonymisation: the archives hold personal data). */
  async deleteAllFor(tenantId: string, accountId: string): Promise<void> {
    const docs = await this.listForAccount(tenantId, accountId, 10_000);
    for (const doc of docs) await this.removeFile(doc.file?.path ?? this.relativePathOf(tenantId, doc._id));
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
