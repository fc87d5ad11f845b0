import { describe, expect, it } from 'vitest';
import {
  compareDocuments,
  documentIdOf,
  documentOf,
  matchesDocumentFilter,
  parseDocumentId,
  type DocumentRecord,
} from './documents.js';
import type { FileRef } from './records.js';

const file = (id: number, name: string, modifiedAt: string | null): FileRef => ({
  id,
  name,
  mimeType: 'application/pdf',
  size: 1024,
  modifiedAt: modifiedAt ? new Date(modifiedAt) : null,
  labels: [],
});
const invoice = { kind: 'invoice' as const, id: 'tx-1', number: 'INV-2026-0042' };
const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('document ids', () => {
  it('name the record and the file, and read back to exactly that', () => {
    const document = documentOf(invoice, file(7, 'factuur.pdf', '2026-03-01T10:00:00Z'));
    expect(document).toMatchObject({
      id: 7,
      name: 'factuur.pdf',
      sourceKind: 'invoice',
      sourceId: 'tx-1',
      sourceNumber: 'INV-2026-0042',
    });
    expect(document.documentId).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parseDocumentId(document.documentId)).toEqual({ kind: 'invoice', objectId: 'tx-1', fileId: 7 });
    expect(documentIdOf({ kind: 'contract', objectId: 'tx-1', fileId: 7 })).not.toBe(document.documentId);
  });

  // Ids come from clients: anything that is not exactly what documentIdOf makes is no document.
  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['too long', encode(['invoice', 'x'.repeat(300), 1]).padEnd(401, 'A')],
    ['not JSON', Buffer.from('not json').toString('base64url')],
    ['an object', encode({ kind: 'invoice', objectId: 'tx-1', fileId: 7 })],
    ['two parts', encode(['invoice', 'tx-1'])],
    ['four parts', encode(['invoice', 'tx-1', 7, 'extra'])],
    ['an unknown kind', encode(['client', 'tx-1', 7])],
    ['an empty object id', encode(['invoice', '', 7])],
    ['an object id that is no string', encode(['invoice', 12, 7])],
    ['an object id of 256 characters', encode(['invoice', 'x'.repeat(256), 7])],
    ['a file id of 0', encode(['invoice', 'tx-1', 0])],
    ['a negative file id', encode(['invoice', 'tx-1', -7])],
    ['a fractional file id', encode(['invoice', 'tx-1', 7.5])],
    ['a file id beyond safe integers', encode(['invoice', 'tx-1', 2 ** 53])],
    ['a file id as a string', encode(['invoice', 'tx-1', '7'])],
  ])('refuses %s', (_case, id) => {
    expect(parseDocumentId(id)).toBeNull();
  });

  it('refuses a valid id with anything before, inside or after it', () => {
    const id = documentIdOf({ kind: 'invoice', objectId: 'tx-1', fileId: 7 });
    for (const tampered of [`.${id}`, `${id}=`, `${id.slice(0, 4)}+${id.slice(4)}`, ` ${id}`]) {
      expect(parseDocumentId(tampered), tampered).toBeNull();
    }
  });

  it('accepts the longest object id and the largest safe file id', () => {
    const objectId = 'x'.repeat(255);
    const id = encode(['request', objectId, Number.MAX_SAFE_INTEGER]);
    expect(parseDocumentId(id)).toEqual({ kind: 'request', objectId, fileId: Number.MAX_SAFE_INTEGER });
  });
});

describe('document filter', () => {
  const document = documentOf(invoice, file(7, 'Factuur maart.pdf', '2026-03-15T10:00:00Z'));

  it('searches the file name and the record number, ignoring case and surrounding spaces', () => {
    expect(matchesDocumentFilter(document, { search: '  MAART ' })).toBe(true);
    expect(matchesDocumentFilter(document, { search: 'inv-2026' })).toBe(true);
    expect(matchesDocumentFilter(document, { search: 'april' })).toBe(false);
    expect(matchesDocumentFilter(documentOf({ ...invoice, number: null }, file(8, 'a.pdf', null)), { search: 'inv' })).toBe(
      false,
    );
    expect(matchesDocumentFilter(document, { search: '   ' })).toBe(true);
  });

  it('keeps only the chosen sources', () => {
    expect(matchesDocumentFilter(document, { sources: ['invoice', 'order'] })).toBe(true);
    expect(matchesDocumentFilter(document, { sources: ['contract'] })).toBe(false);
    expect(matchesDocumentFilter(document, { sources: [] })).toBe(true);
  });

  it('limits by date with both ends inclusive, and leaves undated files out of any date range', () => {
    const at = new Date('2026-03-15T10:00:00Z');
    expect(matchesDocumentFilter(document, { from: at, to: at })).toBe(true);
    expect(matchesDocumentFilter(document, { from: new Date(at.getTime() + 1) })).toBe(false);
    expect(matchesDocumentFilter(document, { to: new Date(at.getTime() - 1) })).toBe(false);
    const undated = documentOf(invoice, file(9, 'scan.pdf', null));
    expect(matchesDocumentFilter(undated, {})).toBe(true);
    expect(matchesDocumentFilter(undated, { from: new Date('2000-01-01') })).toBe(false);
    expect(matchesDocumentFilter(undated, { to: new Date('2100-01-01') })).toBe(false);
  });
});

describe('document order', () => {
  it('is newest first, undated last, then by id, so pages never overlap', () => {
    const sameDay = [3, 4, 6, 8].map((id) =>
      documentOf({ ...invoice, id: `tx-${id}` }, file(id, 'same-day.pdf', '2026-06-01T00:00:00Z')),
    );
    const undated = [2, 5, 7, 9].map((id) => documentOf({ ...invoice, id: `tx-${id}` }, file(id, 'scan.pdf', null)));
    const old = documentOf(invoice, file(1, 'old.pdf', '2026-01-01T00:00:00Z'));
    const byId = (list: DocumentRecord[]) => [...list].map((d) => d.documentId).sort();
    const expected = [...byId(sameDay), old.documentId, ...byId(undated)];
    const input = [old, ...sameDay, ...undated];
    // Whatever order they come in.
    expect([...input].sort(compareDocuments).map((d) => d.documentId)).toEqual(expected);
    expect(
      [...input]
        .reverse()
        .sort(compareDocuments)
        .map((d) => d.documentId),
    ).toEqual(expected);
    expect(compareDocuments(old, old)).toBe(0);
  });
});
