import { describe, expect, it } from 'vitest';
import type { NcObject } from '../../nextcloud/types.js';
import { DEFAULT_FIELD_MAPPING } from './field-mapping.js';
import { toContract, toInvoice, toRequest } from './records.js';
import { belongsTo, type Viewer } from './viewer.js';

const object = (data: Record<string, unknown>, self: Partial<NcObject['@self']> = {}): NcObject =>
  ({
    id: 'u-1',
    '@self': {
      id: 'u-1',
      name: null,
      slug: null,
      register: '5',
      schema: '24',
      owner: null,
      organisation: null,
      created: '2026-01-02T10:00:00+01:00',
      updated: null,
      files: [],
      ...self,
    },
    ...data,
  }) as NcObject;

const viewer: Viewer = {
  tenantId: 't',
  accountId: 'a',
  accountType: 'B2C',
  clientId: 'client-1',
  contactId: 'contact-1',
  scopes: null,
};

describe('record mappers', () => {
  it("reads an invoice with Pipelinq's fallbacks and computes line totals", () => {
    const invoice = toInvoice(
      object({
        reference: 'REF-9',
        settledAt: '2026-02-01T09:00:00+01:00',
        total: '121.5',
        lines: [{ description: 'Ketel', quantity: 2, unitPrice: 10.25 }, 'junk'],
      }),
      DEFAULT_FIELD_MAPPING,
    );
    expect(invoice).toMatchObject({ number: 'REF-9', amount: 121.5, files: null });
    expect(invoice.date?.toISOString()).toBe('2026-02-01T08:00:00.000Z');
    expect(invoice.lines).toEqual([{ description: 'Ketel', quantity: 2, unitPrice: 10.25, total: 20.5 }]);
    expect(toInvoice(object({}), DEFAULT_FIELD_MAPPING, true).files).toEqual([]);
  });

  it('keeps only customer-visible notes, oldest first; a note without visibility is internal', () => {
    const request = toRequest(
      object({
        title: 'Lek',
        status: 'completed',
        notes: [
          { visibility: 'customer', author: 'B', message: 'second', createdAt: '2026-01-03T10:00:00Z' },
          { visibility: 'internal', author: 'X', message: 'secret' },
          { author: 'Y', message: 'no visibility' },
          { visibility: 'Customer', message: 'wrong case' },
          { visibility: 'customer', author: 'A', message: 'first', createdAt: '2026-01-02T10:00:00Z' },
        ],
      }),
      DEFAULT_FIELD_MAPPING,
    );
    expect(request.notes.map((n) => n.message)).toEqual(['first', 'second']);
    expect(request.canReply).toBe(false);
  });

  it('reads owner references in any stored shape, and checks fixed conditions', () => {
    expect(toContract(object({ clientRef: { id: 'client-1' } }), DEFAULT_FIELD_MAPPING).clientId).toBe('client-1');
    expect(
      belongsTo(object({ client: { uuid: 'client-1' }, documentType: 'invoice' }), DEFAULT_FIELD_MAPPING.invoice, viewer),
    ).toBe(true);
    expect(belongsTo(object({ client: 'client-1', documentType: 'order' }), DEFAULT_FIELD_MAPPING.invoice, viewer)).toBe(false);
    expect(belongsTo(object({ client: 'client-2', documentType: 'invoice' }), DEFAULT_FIELD_MAPPING.invoice, viewer)).toBe(false);
    // Requests: the own contact counts only when no client is named.
    expect(belongsTo(object({ contact: 'contact-1' }), DEFAULT_FIELD_MAPPING.request, viewer)).toBe(true);
    expect(belongsTo(object({ contact: 'contact-1', client: 'client-2' }), DEFAULT_FIELD_MAPPING.request, viewer)).toBe(false);
    expect(belongsTo(object({ contact: 'contact-1' }), DEFAULT_FIELD_MAPPING.invoice, viewer)).toBe(false);
  });
});
