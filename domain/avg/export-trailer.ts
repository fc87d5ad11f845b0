import type { Readable } from 'node:stream';
import type { AuditEvent } from '../audit/index.js';
import type { ContractRecord, InvoiceRecord, OrderRecord, RequestRecord } from '../portal-data/records.js';
import { csvFile, csvStream } from './export-csv.js';
import { manifestStream, SIGN_IN_EVENT_TYPES, type ManifestInput } from './export-manifest.js';
import { overviewStream } from './export-overview.js';
import { readmeText } from './export-readme.js';
import {
  AUDIT_COLUMNS,
  CONTRACT_COLUMNS,
  csvColumns,
  DOCUMENT_COLUMNS,
  INVOICE_COLUMNS,
  notesOf,
  ORDER_COLUMNS,
  REQUEST_COLUMNS,
  REQUEST_NOTE_COLUMNS,
  SESSION_COLUMNS,
  type TableColumn,
} from './export-tables.js';
import { exportLanguageOf, OVERVIEW_FILE } from './export-words.js';

/**
 * Everything in a data export after the documents: export.json (for programs), README.txt (read
 * first), the overview page (for people) and one CSV file per list (for spreadsheets). The files
 * that list audit events each take their own pass over the trail, so none holds it in memory.
 */

export interface TrailerInput extends Omit<ManifestInput, 'signInEvents' | 'auditEvents'> {
  /** A fresh pass over the account's audit events, oldest first; called once per file that lists them. */
  events: () => AsyncIterable<AuditEvent>;
}

export interface TrailerFile {
  zipPath: string;
  body: Readable | Buffer;
}

async function* signInsOf(events: AsyncIterable<AuditEvent>): AsyncGenerator<AuditEvent> {
  for await (const event of events) if (SIGN_IN_EVENT_TYPES.includes(event.type)) yield event;
}

export function exportTrailer(input: TrailerInput): TrailerFile[] {
  const language = exportLanguageOf(input.account.locale);
  const { data } = input;
  const requests = data.records.request as RequestRecord[];
  const notes = requests.flatMap((request) => notesOf(request, data.internalNotes?.[request.id]));
  const csv = <T>(columns: TableColumn<T>[], rows: T[]) => csvFile(csvColumns(columns, language), rows);
  return [
    {
      zipPath: 'export.json',
      body: manifestStream({ ...input, signInEvents: input.events(), auditEvents: input.events() }),
    },
    {
      zipPath: 'README.txt',
      body: readmeText(input.account.locale, input.tenant.portal.displayName, input.exportedAt, data.internalNotesExcluded),
    },
    {
      zipPath: OVERVIEW_FILE[language],
      body: overviewStream({
        language,
        tenantName: input.tenant.portal.displayName,
        brandColor: input.tenant.portal.primaryColor,
        exportedAt: input.exportedAt,
        account: input.account,
        data,
        documents: input.documents,
        extras: input.extras,
        signInEvents: signInsOf(input.events()),
        auditEvents: input.events(),
      }),
    },
    { zipPath: 'csv/invoices.csv', body: csv(INVOICE_COLUMNS, data.records.invoice as InvoiceRecord[]) },
    { zipPath: 'csv/orders.csv', body: csv(ORDER_COLUMNS, data.records.order as OrderRecord[]) },
    { zipPath: 'csv/contracts.csv', body: csv(CONTRACT_COLUMNS, data.records.contract as ContractRecord[]) },
    { zipPath: 'csv/requests.csv', body: csv(REQUEST_COLUMNS, requests) },
    { zipPath: 'csv/request-notes.csv', body: csv(REQUEST_NOTE_COLUMNS, notes) },
    { zipPath: 'csv/documents.csv', body: csv(DOCUMENT_COLUMNS, input.documents) },
    { zipPath: 'csv/sessions.csv', body: csv(SESSION_COLUMNS, input.extras.sessions) },
    { zipPath: 'csv/audit-events.csv', body: csvStream(csvColumns(AUDIT_COLUMNS, language), input.events()) },
  ];
}
