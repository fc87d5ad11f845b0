import { Readable } from 'node:stream';
import type { Account } from '../accounts/account.types.js';
import type { AuditEvent } from '../audit/index.js';
import type { ContractRecord, InvoiceRecord, OrderRecord, RequestRecord } from '../portal-data/records.js';
import type { AccountExtras } from './export-account-extras.js';
import type { CollectedData, Party } from './export-collector.js';
import type { CsvValue } from './export-csv.js';
import type { ExportedDocument } from './export-manifest.js';
import {
  AUDIT_COLUMNS,
  CONTRACT_COLUMNS,
  DOCUMENT_COLUMNS,
  headerOf,
  INVOICE_COLUMNS,
  notesOf,
  ORDER_COLUMNS,
  REQUEST_NOTE_COLUMNS,
  SESSION_COLUMNS,
  type TableColumn,
} from './export-tables.js';
import { statusWord, WORDS, type ExportLanguage, type ExportWords } from './export-words.js';

/**
 * overzicht.html / overview.html: the export for a person, not a program (issue 14 item 3). One
 * self-contained page: no scripts, no remote resources (it is opened from a ZIP, often offline,
 * and must not call anyone), inline CSS, the reader's language in `lang`, a heading per section, a
 * table of contents, and tables with captions and header scopes so a screen reader announces each
 * cell with its column. The tenant's brand colour is used only as a decorative bar, never for
 * text, so no tenant colour can break the contrast. Streamed: the audit trail is read as it goes.
 */

export interface OverviewInput {
  language: ExportLanguage;
  tenantName: string;
  brandColor: string;
  exportedAt: Date;
  account: Account;
  data: CollectedData;
  documents: ExportedDocument[];
  extras: AccountExtras;
  signInEvents: AsyncIterable<AuditEvent>;
  auditEvents: AsyncIterable<AuditEvent>;
}

const HEX_COLOUR = /^#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?$/;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Dates to the minute in UTC (the page says so), everything else as text. */
function shown(value: CsvValue): string {
  if (value === null || value === undefined || value === '') return '';
  if (value instanceof Date) return value.toISOString().replace('T', ' ').slice(0, 16);
  return escapeHtml(String(value));
}

function css(brand: string): string {
  return [
    'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;background:#fff;margin:0;line-height:1.5}',
    `main{max-width:72rem;margin:0 auto;padding:1rem 1.5rem 3rem;border-top:.5rem solid ${brand}}`,
    'table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}',
    'caption{text-align:left;font-weight:600;padding:.25rem 0}',
    'th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;vertical-align:top}',
    'thead th,tbody th{background:#f2f2f2}',
    '.text{white-space:pre-wrap}',
    'a{color:#0b4f9c}',
    'h2{margin-top:2rem;border-bottom:1px solid #767676}',
  ].join('\n');
}

function table<T>(caption: string, columns: TableColumn<T>[], rows: T[], language: ExportLanguage): string {
  if (rows.length === 0) return `<p>${escapeHtml(WORDS[language].none)}</p>\n`;
  return (
    tableHead(caption, columns, language) + rows.map((row) => tableRow(columns, row, language)).join('') + '</tbody></table>\n'
  );
}

function tableHead<T>(caption: string, columns: TableColumn<T>[], language: ExportLanguage): string {
  const heads = columns.map((c) => `<th scope="col">${escapeHtml(headerOf(c.key, language))}</th>`).join('');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${heads}</tr></thead><tbody>\n`;
}

function tableRow<T>(columns: TableColumn<T>[], row: T, language: ExportLanguage): string {
  return `<tr>${columns.map((c) => `<td class="text">${cell(c, row, language)}</td>`).join('')}</tr>\n`;
}

/** A relative link opens the file next to the page once the ZIP is unpacked; never a remote address. */
function cell<T>(column: TableColumn<T>, row: T, language: ExportLanguage): string {
  const text = shown(column.value(row, language));
  const href = column.href?.(row);
  if (!href || /^[a-z][a-z0-9+.-]*:|^\/|\.\./i.test(href)) return text;
  return `<a href="${escapeHtml(href.split('/').map(encodeURIComponent).join('/'))}">${text}</a>`;
}

/** A record as label/value rows (profile, contact, a single request). */
function facts(caption: string, rows: Array<[string, CsvValue]>, w: ExportWords): string {
  const body = rows
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td class="text">${shown(value)}</td></tr>`)
    .join('\n');
  if (!body) return `<p>${escapeHtml(w.none)}</p>\n`;
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">${escapeHtml(w.field)}</th><th scope="col">${escapeHtml(w.value)}</th></tr></thead><tbody>\n${body}\n</tbody></table>\n`;
}

function partyFacts(caption: string, party: Party | null, w: ExportWords): string {
  if (!party) return `<p>${escapeHtml(w.none)}</p>\n`;
  const rows = (Object.keys(w.partyFields) as Array<keyof ExportWords['partyFields']>).map(
    (field) => [w.partyFields[field], valueText(party[field])] as [string, CsvValue],
  );
  return facts(caption, rows, w);
}

/** Nextcloud values may be objects (an address): shown as their parts, never as "[object Object]". */
function valueText(value: unknown): CsvValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object')
    return Object.values(value as Record<string, unknown>)
      .filter((v) => v !== null && v !== '')
      .join(', ');
  return String(value);
}

function requestSection(request: RequestRecord, data: CollectedData, input: OverviewInput, w: ExportWords): string {
  const l = input.language;
  const c = w.columns;
  const name = request.number ? `${request.number}: ${request.subject}` : request.subject;
  const notes = notesOf(request, data.internalNotes?.[request.id]);
  return (
    `<h3>${escapeHtml(name)}</h3>\n` +
    facts(
      name,
      [
        [c.number, request.number],
        [c.date, request.date ?? request.createdAt],
        [c.subject, request.subject],
        [c.category, request.category],
        [c.status, statusWord(l, 'request', request.status)],
        [c.priority, request.priority],
        [c.body, request.body],
        [c.id, request.id],
      ],
      w,
    ) +
    table(`${w.messages}: ${name}`, REQUEST_NOTE_COLUMNS, notes, l)
  );
}

const SECTION_ORDER = [
  'account',
  'person',
  'contact',
  'organisation',
  'pendingEmailChange',
  'invoices',
  'orders',
  'contracts',
  'requests',
  'documents',
  'sessions',
  'signInHistory',
  'auditEvents',
] as const;
type SectionKey = (typeof SECTION_ORDER)[number];

export function overviewStream(input: OverviewInput): Readable {
  const l = input.language;
  const w = WORDS[l];
  const { account, data, extras } = input;
  const brand = HEX_COLOUR.test(input.brandColor) ? input.brandColor : '#21468B';
  const heading = (key: SectionKey) => `<section aria-labelledby="${key}"><h2 id="${key}">${escapeHtml(w.sections[key])}</h2>\n`;
  const end = '</section>\n';

  async function* html(): AsyncGenerator<string> {
    const title = w.title(input.tenantName);
    yield `<!DOCTYPE html>\n<html lang="${l}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(title)}</title>\n<style>\n${css(brand)}\n</style>\n</head>\n<body>\n<main>\n`;
    yield `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(w.made(input.exportedAt.toISOString().replace('T', ' ').slice(0, 19)))}</p>\n`;
    yield `<nav aria-label="${escapeHtml(w.contents)}"><h2>${escapeHtml(w.contents)}</h2><ul>\n${SECTION_ORDER.map((key) => `<li><a href="#${key}">${escapeHtml(w.sections[key])}</a></li>`).join('\n')}\n</ul></nav>\n`;

    const a = w.accountFields;
    yield (
      heading('account') +
      facts(
        w.sections.account,
        [
          [a.email, account.email],
          [a.type, statusWord(l, 'accountType', account.type)],
          [a.status, statusWord(l, 'account', account.status)],
          [a.locale, account.locale],
          [a.mfaEnabled, account.mfa.enabled ? w.yes : w.no],
          [a.createdAt, account.createdAt],
          [a.activatedAt, account.activatedAt],
          [a.lastSignInAt, account.lastSignInAt],
          [a.passwordChangedAt, account.passwordChangedAt],
        ],
        w,
      ) +
      end
    );
    yield heading('person') + partyFacts(w.sections.person, data.person, w) + end;
    yield heading('contact') + partyFacts(w.sections.contact, data.contact, w) + end;
    yield heading('organisation') + partyFacts(w.sections.organisation, data.organisation, w) + end;
    const pending = extras.pendingEmailChange;
    yield (
      heading('pendingEmailChange') +
      (pending
        ? facts(
            w.sections.pendingEmailChange,
            [
              [w.columns.email, pending.email],
              [w.columns.requestedAt, pending.requestedAt],
              [w.columns.expiresAt, pending.expiresAt],
            ],
            w,
          )
        : `<p>${escapeHtml(w.none)}</p>\n`) +
      end
    );
    yield heading('invoices') + table(w.sections.invoices, INVOICE_COLUMNS, data.records.invoice as InvoiceRecord[], l) + end;
    yield heading('orders') + table(w.sections.orders, ORDER_COLUMNS, data.records.order as OrderRecord[], l) + end;
    yield (
      heading('contracts') + table(w.sections.contracts, CONTRACT_COLUMNS, data.records.contract as ContractRecord[], l) + end
    );
    const requests = data.records.request as RequestRecord[];
    yield (
      heading('requests') +
      (data.internalNotesExcluded ? `<p>${escapeHtml(w.notesExcluded(data.internalNotesExcluded))}</p>\n` : '') +
      (requests.length ? requests.map((r) => requestSection(r, data, input, w)).join('') : `<p>${escapeHtml(w.none)}</p>\n`) +
      end
    );
    yield heading('documents') + table(w.sections.documents, DOCUMENT_COLUMNS, input.documents, l) + end;
    yield heading('sessions') + table(w.sections.sessions, SESSION_COLUMNS, extras.sessions, l) + end;
    yield* eventSection('signInHistory', input.signInEvents);
    yield* eventSection('auditEvents', input.auditEvents);
    yield '</main>\n</body>\n</html>\n';
  }

  async function* eventSection(key: 'signInHistory' | 'auditEvents', events: AsyncIterable<AuditEvent>): AsyncGenerator<string> {
    yield heading(key);
    let open = false;
    for await (const event of events) {
      if (!open) yield tableHead(w.sections[key], AUDIT_COLUMNS, l);
      open = true;
      yield tableRow(AUDIT_COLUMNS, event, l);
    }
    yield (open ? '</tbody></table>\n' : `<p>${escapeHtml(w.none)}</p>\n`) + end;
  }

  return Readable.from(html());
}
