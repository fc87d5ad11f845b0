import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A data export (GDPR Art. 15) and its life: PENDING (queued) → RUNNING → READY (the ZIP is stored
 * encrypted in the database, the link mailed) → EXPIRED (30 days later the archive is deleted).
 * FAILED when the job gave up.
 * Everything the job needs to resume after a crash is in this document, not in the job.
 */
export const EXPORT_STATUSES = ['PENDING', 'RUNNING', 'READY', 'FAILED', 'EXPIRED'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export interface ExportFile {
  /** The archive's id in the `exportArchives` GridFS bucket (hex ObjectId; export-store.ts). */
  archiveId: string;
  /** Of the ZIP itself (what the customer downloads), not of its sealed form. */
  size: number;
  sha256: string;
}

export interface DataExportDocument {
  _id: string;
  tenantId: string;
  accountId: string;
  status: ExportStatus;
  requestedAt: Date;
  /** The gateway's address as the customer used it; the mailed link points there. */
  publicUrl: string;
  /** Runs started so far (a crashed run counts too). */
  attempts: number;
  startedAt: Date | null;
  readyAt: Date | null;
  /** Until when the link works and the file is kept; set when READY. */
  expiresAt: Date | null;
  file: ExportFile | null;
  /**
   * Set once `export.ready` is in the audit trail. The event follows the status change (never
   * the other way round), so a run that dies between the two leaves READY without it, and the
   * next run of the job writes it.
   */
  readyRecordedAt?: Date | null;
  /** Set once the ready mail went out, so a re-run never mails twice. */
  mailedAt: Date | null;
  /** Failed sends of the ready mail. */
  mailAttempts: number;
  /** An error code (never a message: messages may quote upstream data). */
  lastError: string | null;
  updatedAt: Date;
}

/**
 * At most one unfinished export per account: `_id` is the account id, so of two concurrent
 * requests exactly one insert wins, on MongoDB and FerretDB alike. Deleted when the export ends.
 */
export interface ExportSlotDocument {
  _id: string;
  tenantId: string;
  exportId: string;
  createdAt: Date;
}

// Field types only: the service writes these documents whole through the driver (store/collection.ts),
// so mongoose would neither validate nor fill them in. What protects them is the indexes below.
const exportSchema = new Schema<DataExportDocument>(
  {
    _id: String,
    tenantId: String,
    accountId: String,
    status: String,
    requestedAt: Date,
    publicUrl: String,
    attempts: Number,
    startedAt: Date,
    readyAt: Date,
    expiresAt: Date,
    file: Schema.Types.Mixed,
    readyRecordedAt: Date,
    mailedAt: Date,
    mailAttempts: Number,
    lastError: String,
    updatedAt: Date,
  },
  { collection: 'dataExports' },
);
exportSchema.index({ accountId: 1, requestedAt: -1 });
exportSchema.index({ status: 1, expiresAt: 1 });

const slotSchema = new Schema<ExportSlotDocument>(
  {
    _id: String,
    tenantId: String,
    exportId: String,
    createdAt: Date,
  },
  { collection: 'dataExportSlots' },
);

export type DataExportModel = Model<DataExportDocument>;
export type ExportSlotModel = Model<ExportSlotDocument>;

export function dataExportModel(connection: Connection): DataExportModel {
  return (
    (connection.models.DataExport as DataExportModel | undefined) ??
    connection.model<DataExportDocument>('DataExport', exportSchema)
  );
}

export function exportSlotModel(connection: Connection): ExportSlotModel {
  return (
    (connection.models.DataExportSlot as ExportSlotModel | undefined) ??
    connection.model<ExportSlotDocument>('DataExportSlot', slotSchema)
  );
}
