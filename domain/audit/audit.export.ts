import { Readable } from 'node:stream';
import type { Logger } from '../../core/logger.js';
import type { Principal } from '../principal.js';
import type { AuditService } from './audit.service.js';
import type { AuditEvent, AuditEventFilter, AuditEventInput } from './audit.types.js';

export type AuditExportFormat = 'csv' | 'ndjson';

export const CSV_COLUMNS = [
  'id',
  'tenantId',
  'seq',
  'occurredAt',
  'type',
  'outcome',
  'accountId',
  'actor',
  'targetType',
  'targetId',
  'details',
  'ipHash',
  'userAgentHash',
  'prevHash',
  'hash',
] as const;

/**
 * One CSV cell (RFC 4180 quoting). A cell that a spreadsheet would run as a formula (= + - @, or a
 * leading tab or CR) gets a leading apostrophe: audit data partly comes from customers, and an
 * export opened in Excel must not execute it.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Flushes in chunks of ~64 KiB: fewer, larger writes without holding more than one chunk. */
async function* chunked(lines: AsyncIterable<string>): AsyncGenerator<string> {
  let buffer = '';
  for await (const line of lines) {
    buffer += line;
    if (buffer.length >= 65_536) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

export function toCsv(events: AsyncIterable<AuditEvent>): AsyncGenerator<string> {
  return chunked(
    (async function* () {
      yield `${CSV_COLUMNS.join(',')}\r\n`;
      for await (const event of events) yield `${CSV_COLUMNS.map((column) => csvCell(event[column])).join(',')}\r\n`;
    })(),
  );
}

export function toNdjson(events: AsyncIterable<AuditEvent>): AsyncGenerator<string> {
  return chunked(
    (async function* () {
      for await (const event of events) yield `${JSON.stringify(event)}\n`;
    })(),
  );
}

export interface AuditExportRequest {
  tenantId: string;
  principal: Principal;
  /** From parseAuditFilter. */
  filter: AuditEventFilter;
  format: AuditExportFormat;
  client?: AuditEventInput['client'];
}

export interface AuditExport {
  contentType: string;
  fileName: string;
  /** The whole selection, oldest first, read and encoded as the consumer pulls. */
  body: Readable;
  /** The `audit.exported` event recorded for this export. */
  event: AuditEvent;
}

/**
 * Exports a selection of the audit trail. The export is audited before a byte leaves (no event, no
 * export), and covers exactly the events that existed at that moment, so it is repeatable and does
 * not contain its own record. If the stream breaks half way, an `error` event says so.
 */
export async function exportAuditEvents(audit: AuditService, request: AuditExportRequest, logger?: Logger): Promise<AuditExport> {
  const { tenantId, filter, format } = request;
  const auditEvent: AuditEventInput = {
    tenantId,
    type: 'audit.exported',
    principal: request.principal,
    client: request.client,
    details: { format, filter: { ...filter, from: filter.from?.toISOString(), to: filter.to?.toISOString() } },
  };
  const event = await audit.append(auditEvent);
  const events = audit.stream(tenantId, filter, { untilSeq: event.seq - 1 });
  const encoded = format === 'csv' ? toCsv(events) : toNdjson(events);

  async function* guarded(): AsyncGenerator<string> {
    try {
      yield* encoded;
    } catch (error) {
      await audit
        .append({
          ...auditEvent,
          outcome: 'error',
          details: { ...auditEvent.details, relatedSeq: event.seq, reason: 'STREAM_FAILED' },
        })
        .catch((err: unknown) => logger?.error({ err, tenantId }, 'audit: could not record a failed export'));
      throw error;
    }
  }

  const stamp = event.occurredAt.toISOString().replace(/[:.]/g, '-');
  return {
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    fileName: `audit-${tenantId.replace(/[^\w-]/g, '_')}-${stamp}.${format}`,
    body: Readable.from(guarded(), { objectMode: false }),
    event,
  };
}
