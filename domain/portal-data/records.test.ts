import { describe, expect, it } from 'vitest';
import type { NcObject } from '../../nextcloud/types.js';
import { ncObject } from '../../test/nc-objects.js';
import { DEFAULT_FIELD_MAPPING, RECORD_KINDS } from './field-mapping.js';
import { documentSourceOf, fileRefOf, paymentStateOf, toContract, toInvoice, toOrder, toRecord, toRequest } from './records.js';
import { belongsTo, type Viewer } from './viewer.js';

const viewer: Viewer = {
  tenantId: 't',
  accountId: 'a',
  accountType: 'B2C',
  clientId: 'client-1',
  contactId: 'contact-1',
  scopes: null,
};

describe('record mappers', () => {
  it("reads an invoice with Pipelinq's fallbacks, tax and payment, and computes line totals", () => {
    const invoice = toInvoice(
      ncObject({
        reference: 'REF-9',
        settledAt: '2026-02-01T09:00:00+01:00',
        status: 'settled',
        subtotal: 100.41,
        totalTax: '21.09',
        total: '121.5',
        taxBreakdown: [{ rate: 21, base: 100.41, amount: 21.09 }, { rate: 9 }],
        invoiceBreakdown: [{ description: 'Ketel', quantity: 2, unitPrice: 10.25 }, 'junk'],
      }),
      DEFAULT_FIELD_MAPPING,
    );
    expect(invoice).toMatchObject({
      number: 'REF-9',
      amount: 121.5,
      subtotal: 100.41,
      tax: 21.09,
      currency: 'EUR',
      paymentState: 'PAID',
      files: null,
    });
    // An entry without an amount says nothing a customer can use.
    expect(invoice.taxLines).toEqual([{ rate: 21, base: 100.41, amount: 21.09 }]);
    expect(invoice.date?.toISOString()).toBe('2026-02-01T08:00:00.000Z');
    expect(invoice.lines).toEqual([{ description: 'Ketel', quantity: 2, unitPrice: 10.25, total: 20.5 }]);
    expect(toInvoice(ncObject({}), DEFAULT_FIELD_MAPPING, true).files).toEqual([]);
  });

  it('says where the customer stands with a payment, from status and paymentStatus', () => {
    expect(paymentStateOf('confirmed', 'pending')).toBe('OPEN');
    expect(paymentStateOf('confirmed', null)).toBe('OPEN');
    expect(paymentStateOf('confirmed', 'captured')).toBe('PAID');
    expect(paymentStateOf('confirmed', 'settled')).toBe('PAID');
    expect(paymentStateOf('settled', null)).toBe('PAID');
    expect(paymentStateOf('confirmed', 'failed')).toBe('FAILED');
    expect(paymentStateOf('refunded', 'settled')).toBe('REFUNDED');
    expect(paymentStateOf('settled', 'refunded')).toBe('REFUNDED');
  });

  it('reads contract lines with the reference keys (unitValue)', () => {
    const contract = toContract(
      ncObject({
        clientRef: 'client-1',
        lineItems: [{ productRef: 'p', description: 'Onderhoud', quantity: 1, unitValue: 159 }],
      }),
      DEFAULT_FIELD_MAPPING,
    );
    expect(contract.lines).toEqual([{ description: 'Onderhoud', quantity: 1, unitPrice: 159, total: 159 }]);
    expect(contract.currency).toBe('EUR');
  });

  it('computes a line total only from both quantity and unit price, and keeps a stored total', () => {
    const contract = toContract(
      ncObject({
        lineItems: [
          { description: 'no price', quantity: 3 },
          { description: 'no quantity', unitValue: 12 },
          { description: 'stored', quantity: 2, unitValue: 10, total: 19.99 },
          { description: 'rounded', quantity: 3, unitValue: 0.1 },
        ],
      }),
      DEFAULT_FIELD_MAPPING,
    );
    expect(contract.lines.map((line) => [line.description, line.total])).toEqual([
      ['no price', null],
      ['no quantity', null],
      ['stored', 19.99],
      ['rounded', 0.3],
    ]);
  });

  it('names each record by its kind, and has no file list unless files were asked for', () => {
    const row = ncObject({ invoiceNumber: 'F-1' });
    expect([toInvoice(row, DEFAULT_FIELD_MAPPING), toOrder(row, DEFAULT_FIELD_MAPPING)].map((r) => [r.kind, r.files])).toEqual([
      ['invoice', null],
      ['order', null],
    ]);
    expect([toContract(row, DEFAULT_FIELD_MAPPING), toRequest(row, DEFAULT_FIELD_MAPPING)].map((r) => [r.kind, r.files])).toEqual(
      [
        ['contract', null],
        ['request', null],
      ],
    );
    expect(documentSourceOf('order', row, DEFAULT_FIELD_MAPPING).files).toEqual([]);
  });

  it('names a file by its title, else the last part of its path, else its id', () => {
    const file = (title: string, path: string) => ({
      id: 41,
      title,
      path,
      type: null,
      extension: null,
      size: null,
      modified: null,
      labels: ['x'],
    });
    expect(fileRefOf(file('Factuur.pdf', '/a/b/other.pdf'))).toEqual({
      id: 41,
      name: 'Factuur.pdf',
      mimeType: null,
      size: null,
      modifiedAt: null,
      labels: ['x'],
    });
    expect(fileRefOf(file('', '/Open Registers/Facturen/f-2026-1.pdf')).name).toBe('f-2026-1.pdf');
    expect(fileRefOf(file('', '')).name).toBe('document-41');
  });

  it('keeps only customer-visible notes, oldest first; a note without visibility is internal', () => {
    const request = toRequest(
      ncObject({
        title: 'Lek',
        status: 'completed',
        notes: [
          { visibility: 'customer', author: 'B', message: 'second', createdAt: '2026-01-03T10:00:00Z' },
          { visibility: 'internal', author: 'X', message: 'secret' },
          { author: 'Y', message: 'no visibility' },
          { visibility: 'Customer', message: 'wrong case' },
          { visibility: 'customer', author: 'A', message: 'first', createdAt: '2026-01-02T10:00:00Z' },
          { visibility: 'customer', author: 'C', message: { html: '<b>not text</b>' } },
          { visibility: 'customer', author: 'D', message: 'undated' },
        ],
      }),
      DEFAULT_FIELD_MAPPING,
    );
    // A note whose message is not text is left out; one without a date counts as the oldest.
    expect(request.notes.map((n) => n.message)).toEqual(['undated', 'first', 'second']);
    expect(request.canReply).toBe(false);
  });

  it('takes replies on open requests only, and finds a subject and date when fields are missing', () => {
    const request = (data: Record<string, unknown>, self: Partial<NcObject['@self']> = {}) =>
      toRequest(ncObject(data, self), DEFAULT_FIELD_MAPPING);
    expect(
      ['new', 'in_progress', null, 'completed', 'rejected', 'converted'].map((status) => request({ status }).canReply),
    ).toEqual([true, true, true, false, false, false]);
    expect(request({ title: 'Lekkage', requestedAt: '2026-02-02T09:00:00Z' }, { name: 'Object name' })).toMatchObject({
      subject: 'Lekkage',
      date: new Date('2026-02-02T09:00:00Z'),
    });
    // Without its own fields: the object's name and creation time, and never a missing subject.
    expect(request({}, { name: 'Object name' })).toMatchObject({
      subject: 'Object name',
      date: new Date('2026-01-02T09:00:00Z'),
    });
    expect(request({}, { name: null }).subject).toBe('');
  });

  it('reads owner references in any stored shape, and checks fixed conditions', () => {
    const { invoice, order, request } = DEFAULT_FIELD_MAPPING;
    expect(toContract(ncObject({ clientRef: { id: 'client-1' } }), DEFAULT_FIELD_MAPPING).clientId).toBe('client-1');
    expect(belongsTo(ncObject({ client: { uuid: 'client-1' }, invoiceNumber: 'F-1' }), invoice, viewer)).toBe(true);
    // No invoice number: not an invoice, however it is owned; an empty one counts as none.
    expect(belongsTo(ncObject({ client: 'client-1' }), invoice, viewer)).toBe(false);
    expect(belongsTo(ncObject({ client: 'client-1', invoiceNumber: '' }), invoice, viewer)).toBe(false);
    expect(belongsTo(ncObject({ client: 'client-2', invoiceNumber: 'F-1' }), invoice, viewer)).toBe(false);
    // Orders are the non-draft transactions.
    expect(belongsTo(ncObject({ client: 'client-1', status: 'parked' }), order, viewer)).toBe(true);
    expect(belongsTo(ncObject({ client: 'client-1', status: 'draft' }), order, viewer)).toBe(false);
    // A transaction that names only its customer (a contact) is that contact's account's.
    expect(belongsTo(ncObject({ customer: 'contact-1', invoiceNumber: 'F-2' }), invoice, viewer)).toBe(true);
    expect(belongsTo(ncObject({ customer: 'contact-1', client: 'client-2', invoiceNumber: 'F-2' }), invoice, viewer)).toBe(false);
    // Requests: the own contact counts only when no client is named.
    expect(belongsTo(ncObject({ contact: 'contact-1' }), request, viewer)).toBe(true);
    expect(belongsTo(ncObject({ contact: 'contact-1', client: 'client-2' }), request, viewer)).toBe(false);
    expect(belongsTo(ncObject({ contact: 'contact-1', invoiceNumber: 'F-3' }), invoice, viewer)).toBe(false);
  });

  it('gives the documents list the same source (kind, id, number, files) as the full mappers, numberless records included', () => {
    const file = {
      id: 7,
      title: 'a.pdf',
      path: '/x/a.pdf',
      type: 'application/pdf',
      extension: 'pdf',
      size: 3,
      modified: '2026-01-03T10:00:00+00:00',
      labels: [],
    };
    const rows = [
      ncObject({ invoiceNumber: 'F-1', reference: 'R-1', number: 'C-1', title: 'T' }, { fileDetails: [file] }),
      ncObject({ reference: 'R-2' }, { fileDetails: [file] }),
      ncObject({}, { fileDetails: [file] }),
    ];
    for (const kind of RECORD_KINDS) {
      for (const row of rows) {
        const full = toRecord(kind, row, DEFAULT_FIELD_MAPPING, true);
        expect(documentSourceOf(kind, row, DEFAULT_FIELD_MAPPING)).toEqual({
          kind,
          id: full.id,
          number: full.number,
          files: full.files,
        });
      }
    }
    // A request without a number has none; the other kinds fall back to the id.
    expect(documentSourceOf('request', rows[2]!, DEFAULT_FIELD_MAPPING).number).toBeNull();
    expect(documentSourceOf('contract', rows[2]!, DEFAULT_FIELD_MAPPING).number).toBe('u-1');
  });
});
