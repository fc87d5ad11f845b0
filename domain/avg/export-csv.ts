import { Readable } from 'node:stream';

/**
 * CSV files in a data export, made for a person who opens them in a spreadsheet: RFC 4180
 * (comma separated, CRLF line ends, fields with a comma, quote or line break in double quotes,
 * quotes doubled), UTF-8 with a byte order mark so Excel reads "ë" as "ë", and safe against
 * formula injection: a text cell that starts with = + - @ (or a tab or carriage return, which
 * some spreadsheets skip before looking for a formula) gets a leading apostrophe, so a request
 * titled "=HYPERLINK(...)" is shown as text instead of run. Numbers are written as numbers: a
 * negative amount is a value, not a formula.
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else if (value instanceof Date) text = value.toISOString();
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(cells: CsvValue[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A whole CSV file from rows held in memory (the record lists: bounded by the customer's records). */
export function csvFile<T>(columns: CsvColumn<T>[], rows: Iterable<T>): Buffer {
  let body = BOM + csvLine(columns.map((column) => column.header));
  for (const row of rows) body += csvLine(columns.map((column) => column.value(row)));
  return Buffer.from(body);
}

/** A CSV file streamed from rows that arrive one by one (the audit trail grows without bound). */
export function csvStream<T>(columns: CsvColumn<T>[], rows: AsyncIterable<T>): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield BOM + csvLine(columns.map((column) => column.header));
    for await (const row of rows) yield csvLine(columns.map((column) => column.value(row)));
  }
  return Readable.from(lines());
}
