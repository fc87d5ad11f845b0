import { Schema, type Connection, type Model } from 'mongoose';
import type { AuditEventFields } from './audit.types.js';

/** One stored audit event. `_id` is `${tenantId}:${seq padded to 12 digits}` (see documentIdOf). */
export interface AuditEventDocument extends AuditEventFields {
  _id: string;
  hash: string;
}

export const AUDIT_COLLECTION = 'audit_events';
const modelName = 'AuditEvent';
const seqDigits = 12;

/**
 * The unique `_id` is what serialises concurrent writers on every engine: two writers that both
 * computed seq N for a tenant collide on the same `_id`, and the loser retries. (On FerretDB it is
 * also the only index that is enforced cheaply; see audit.repository.ts for what is not.)
 */
export function documentIdOf(tenantId: string, seq: number): string {
  return `${tenantId}:${String(seq).padStart(seqDigits, '0')}`;
}

/** Inverse of documentIdOf; null for anything that is not one. Tenant ids may contain ':'. */
export function parseDocumentId(id: string): { tenantId: string; seq: number } | null {
  const match = /^(.+):(\d{12})$/.exec(id);
  if (!match) return null;
  const seq = Number(match[2]);
  return seq >= 1 ? { tenantId: match[1]!, seq } : null;
}

export class AuditTrailIsAppendOnlyError extends Error {
  constructor(operation: string) {
    super(`The audit trail is append-only: ${operation} is not allowed.`);
    this.name = 'AuditTrailIsAppendOnlyError';
  }
}

function buildSchema(): Schema {
  // Untyped on purpose: the recursive `details` type sends mongoose's schema inference into a loop.
  // Field types only: the service writes these documents whole through the driver (store/collection.ts),
  // so mongoose would neither validate nor fill them in. What protects them is the indexes below.
  const schema = new Schema(
    {
      _id: String,
      tenantId: String,
      seq: Number,
      occurredAt: Date,
      type: String,
      outcome: String,
      accountId: String,
      actor: String,
      targetType: String,
      targetId: String,
      details: Schema.Types.Mixed,
      ipHash: String,
      userAgentHash: String,
      subjectHash: String,
      prevHash: String,
      hash: String,
    },
    // A plain collection, never capped: capped collections may drop old events. Fail fast instead
    // of queueing writes while the database is away, so an audited action reports its error promptly.
    { collection: AUDIT_COLLECTION, versionKey: false, strict: 'throw', bufferCommands: false, minimize: false },
  );

  // MongoDB uses these; FerretDB only enforces the unique one (its other lookups are scans).
  schema.index({ tenantId: 1, seq: 1 }, { unique: true });
  schema.index({ tenantId: 1, accountId: 1, seq: -1 });
  schema.index({ tenantId: 1, type: 1, seq: -1 });
  // The DPO's subject search (events about an address that names no account).
  schema.index({ tenantId: 1, subjectHash: 1, seq: -1 });
  schema.index({ tenantId: 1, occurredAt: -1 });

  // Insert-only, enforced in the model too, so a future "quick fix" cannot edit history by accident.
  // (Somebody with raw database access can; that is what the hash chain detects.)
  const refuse = (operation: string) =>
    function refuseOperation() {
      throw new AuditTrailIsAppendOnlyError(operation);
    };
  for (const op of [
    'updateMany',
    'findOneAndUpdate',
    'replaceOne',
    'deleteMany',
    'findOneAndDelete',
    'findOneAndReplace',
  ] as const) {
    schema.pre(op, refuse(op));
  }
  schema.pre('updateOne', { document: true, query: true }, refuse('updateOne'));
  schema.pre('deleteOne', { document: true, query: true }, refuse('deleteOne'));
  schema.pre('bulkWrite', refuse('bulkWrite'));
  schema.pre('save', function refuseResave() {
    if (!this.isNew) throw new AuditTrailIsAppendOnlyError('save of an existing event');
  });
  return schema;
}

/** The audit model on `connection` (registered once per connection, never globally). */
export function auditEventModel(connection: Connection): Model<AuditEventDocument> {
  const existing = connection.models[modelName] as Model<AuditEventDocument> | undefined;
  return existing ?? connection.model<AuditEventDocument>(modelName, buildSchema());
}
