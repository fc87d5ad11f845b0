import { describe, expect, it } from 'vitest';
import { DEMO, demoSeeds } from './demo-data.js';
import { buildPdf } from './pdf.js';
import type { Loose } from './testing.js';
import type { InstanceSeed, SimObject } from './types.js';

// The demo data promised by CONTRACT.md "Demo data", and the PDFs attached to it.
const seeds = demoSeeds();
const seed = (name: string) => seeds.find((s) => s.name === name)!;
const ISO_C = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;

function schemaId(s: InstanceSeed, slug: string): number {
  return s.schemas.find((x) => x.slug === slug)!.id;
}
/** The contract schema, whichever slug the tenant serves it under. */
const contractSchemaId = (s: InstanceSeed) => s.schemas.find((x) => x.slug === 'contract' || x.slug === 'salesContract')!.id;
const isInvoice = (o: SimObject) => typeof o.data.invoiceNumber === 'string' && o.data.invoiceNumber !== '';

/** A client's records the way Pipelinq scopes them: transactions by `client` or by one of its contacts as `customer`. */
function ofClient(s: InstanceSeed, clientId: string) {
  const objects = (id: number) => s.objects.filter((o) => o.schema === id);
  const contacts = new Set(
    objects(schemaId(s, 'contact'))
      .filter((o) => o.data.client === clientId)
      .map((o) => o.uuid),
  );
  const pos = objects(schemaId(s, 'posTransaction')).filter(
    (o) => o.data.client === clientId || contacts.has(String(o.data.customer)),
  );
  return {
    contacts,
    transactions: pos,
    invoices: pos.filter(isInvoice),
    orders: pos.filter((o) => !isInvoice(o) && o.data.status !== 'draft'),
    drafts: pos.filter((o) => o.data.status === 'draft'),
    contracts: objects(contractSchemaId(s)).filter((o) => o.data.clientRef === clientId),
    requests: objects(schemaId(s, 'request')).filter((o) => o.data.client === clientId),
  };
}
const filesOf = (s: InstanceSeed, o: SimObject) => s.files.filter((f) => f.objectUuid === o.uuid);

/** Checks the cross-reference table: every entry points at the start of its object. */
function xrefIsValid(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString('latin1');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  if (!text.startsWith('%PDF-') || !text.slice(startxref).startsWith('xref\n')) return false;
  const entries = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n\r$/gm)].map((m) => Number(m[1]));
  return entries.length > 0 && entries.every((offset, i) => text.slice(offset).startsWith(`${i + 1} 0 obj\n`));
}

describe('demo data', () => {
  it('is deterministic: the same ids, numbers and bytes on every build', () => {
    const again = demoSeeds();
    for (const name of ['demo', 'other']) {
      const a = seed(name);
      const b = again.find((s) => s.name === name)!;
      expect(b.objects.map((o) => [o.uuid, o.id, o.data])).toEqual(a.objects.map((o) => [o.uuid, o.id, o.data]));
      expect(b.files.map((f) => [f.id, f.etag])).toEqual(a.files.map((f) => [f.id, f.etag]));
    }
  });

  it('resolves every DEMO id to the promised object', () => {
    const find = (s: InstanceSeed, uuid: string) => s.objects.find((o) => o.uuid === uuid)?.data;
    expect(find(seed('demo'), DEMO.demo.janJansen.clientId)).toMatchObject({
      name: 'Jan Jansen',
      type: 'person',
      email: 'jan.jansen@example.nl',
    });
    expect(find(seed('demo'), DEMO.demo.janJansen.contactId)).toMatchObject({
      email: 'jan.jansen@example.nl',
      client: DEMO.demo.janJansen.clientId,
    });
    expect(find(seed('demo'), DEMO.demo.bakkerij.clientId)).toMatchObject({ name: 'Bakkerij Bakker B.V.', type: 'organization' });
    expect(find(seed('demo'), DEMO.demo.bakkerij.contactId)).toMatchObject({
      email: 'inkoop@bakkerij-bakker.example',
      client: DEMO.demo.bakkerij.clientId,
    });
    expect(DEMO.demo.bakkerij.otherContactIds.length).toBeGreaterThanOrEqual(2);
    for (const id of DEMO.demo.bakkerij.otherContactIds)
      expect(find(seed('demo'), id)).toMatchObject({ client: DEMO.demo.bakkerij.clientId });
    expect(find(seed('other'), DEMO.other.pietDeVries.clientId)).toMatchObject({
      name: 'Piet de Vries',
      email: 'piet@example.org',
    });
    expect(find(seed('other'), DEMO.other.pietDeVries.contactId)).toMatchObject({ client: DEMO.other.pietDeVries.clientId });
    expect(find(seed('demo'), DEMO.demo.noAccount.sophieVisser.clientId)).toMatchObject({ type: 'person' });
    expect(find(seed('other'), DEMO.other.noAccount.drukkerijVanDijk.clientId)).toMatchObject({ type: 'organization' });
    expect(find(seed('other'), DEMO.demo.janJansen.clientId)).toBeUndefined();
  });

  it('gives each demo customer the promised volumes, notes and attachments', () => {
    const customers = [
      [seed('demo'), DEMO.demo.janJansen.clientId],
      [seed('demo'), DEMO.demo.bakkerij.clientId],
      [seed('other'), DEMO.other.pietDeVries.clientId],
    ] as const;
    for (const [s, clientId] of customers) {
      const data = ofClient(s, clientId);
      expect(data.invoices.length).toBeGreaterThanOrEqual(25);
      expect(data.orders.length).toBeGreaterThanOrEqual(10);
      expect(data.contracts.length).toBeGreaterThanOrEqual(3);
      expect(data.requests.length).toBeGreaterThanOrEqual(5);
      const notes = data.requests.flatMap((r) => r.data.notes as { visibility: string }[]);
      expect(notes.some((n) => n.visibility === 'customer')).toBe(true);
      expect(notes.some((n) => n.visibility === 'internal')).toBe(true);
      for (const o of [...data.invoices, ...data.contracts]) expect(filesOf(s, o)).toHaveLength(1);
      expect(data.requests.some((r) => filesOf(s, r).length > 0)).toBe(true);
      const years = new Set(data.invoices.map((o) => String(o.data.confirmedAt).slice(0, 4)));
      expect(years.size).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives every customer with sales exactly one draft, which has no number', () => {
    for (const s of seeds) {
      const clients = s.objects.filter((o) => o.schema === schemaId(s, 'client'));
      for (const client of clients) {
        const data = ofClient(s, client.uuid);
        expect(data.drafts, String(client.data.name)).toHaveLength(data.transactions.length > 0 ? 1 : 0);
        for (const draft of data.drafts) {
          expect(draft.data).not.toHaveProperty('invoiceNumber');
          expect(draft.data).not.toHaveProperty('reference');
          expect(filesOf(s, draft)).toHaveLength(0);
        }
      }
    }
  });

  it('varies ownership: B2C transactions naming only the person, B2B ones naming a company contact', () => {
    for (const s of seeds) {
      for (const client of s.objects.filter((o) => o.schema === schemaId(s, 'client'))) {
        const data = ofClient(s, client.uuid);
        if (data.transactions.length === 0) continue;
        const customerOnly = data.transactions.filter((o) => o.data.client === undefined);
        // Every transaction names a contact of this client as `customer`.
        for (const o of data.transactions) expect(data.contacts.has(String(o.data.customer))).toBe(true);
        if (client.data.type === 'person') {
          expect(customerOnly.filter(isInvoice)).toHaveLength(2);
          expect(customerOnly.filter((o) => !isInvoice(o) && o.data.status !== 'draft')).toHaveLength(1);
        } else {
          expect(customerOnly).toHaveLength(0);
          expect(new Set(data.transactions.map((o) => o.data.customer)).size).toBeGreaterThan(1);
        }
      }
    }
  });

  it('keeps transaction money consistent (excl. VAT, 21 % and 9 % lines) and statuses coherent', () => {
    const paymentFor: Record<string, string[]> = {
      confirmed: ['pending', 'failed'],
      settled: ['settled', 'captured'],
      refunded: ['refunded'],
    };
    for (const s of seeds) {
      const rates = new Set<number>();
      for (const o of s.objects.filter((x) => x.schema === schemaId(s, 'posTransaction'))) {
        const d = o.data as Loose;
        expect(d.priceMode).toBe('excl');
        expect(Math.round((d.subtotal - d.discountTotal + d.totalTax) * 100)).toBe(Math.round(d.total * 100));
        expect(Math.round(d.taxBreakdown.reduce((sum: number, t: Loose) => sum + t.amount, 0) * 100)).toBe(
          Math.round(d.totalTax * 100),
        );
        expect(Math.round(d.invoiceBreakdown.reduce((sum: number, l: Loose) => sum + l.total, 0) * 100)).toBe(
          Math.round(d.subtotal * 100),
        );
        for (const t of d.taxBreakdown as Loose[]) {
          rates.add(t.rate);
          expect(Math.abs(t.amount - (t.base * t.rate) / 100)).toBeLessThan(0.006);
        }
        if (isInvoice(o)) {
          expect(d.invoiceNumber).toMatch(/^F-\d{4}-\d{5}$/);
          expect(['confirmed', 'settled', 'refunded']).toContain(d.status);
          expect(paymentFor[d.status]).toContain(d.paymentStatus);
          expect(d.total).toBeGreaterThanOrEqual(100);
        } else if (d.status !== 'draft') {
          expect(d.reference).toMatch(/^ORD-\d{4}-\d{4}$/);
          expect(['parked', 'confirmed', 'settled']).toContain(d.status);
        }
        if (d.status === 'refunded')
          expect(d).toMatchObject({ refundedAt: expect.any(String), refundReason: expect.any(String) });
      }
      expect([...rates].sort((a, b) => a - b)).toEqual([9, 21]);
    }
  });

  it('has a cancelled contract with its reason and a converted request', () => {
    for (const s of seeds) {
      const cancelled = s.objects.filter((o) => o.schema === contractSchemaId(s) && o.data.status === 'cancelled');
      expect(cancelled.length).toBeGreaterThan(0);
      for (const c of cancelled) expect(c.data.cancellationReason).toEqual(expect.any(String));
      expect(s.objects.some((o) => o.schema === schemaId(s, 'request') && o.data.status === 'converted')).toBe(true);
      expect(s.objects.some((o) => typeof o.data.reference === 'string' && /^REQ-\d{4}-\d{4}$/.test(o.data.reference))).toBe(
        true,
      );
    }
  });

  it('serves the contract as `contract` without categories on demo, as `salesContract` with categories on other', () => {
    const slugs = (name: string) => Object.fromEntries(seed(name).schemas.map((x) => [x.slug, x.id]));
    const { demo, other } = DEMO;
    expect(slugs('demo')).toEqual({
      client: demo.schemaIds.client,
      contact: demo.schemaIds.contact,
      request: demo.schemaIds.request,
      posTransaction: demo.schemaIds.posTransaction,
      [demo.contractSlug]: demo.schemaIds.contract,
    });
    expect(slugs('other')).toEqual({
      client: other.schemaIds.client,
      contact: other.schemaIds.contact,
      request: other.schemaIds.request,
      posTransaction: other.schemaIds.posTransaction,
      [other.contractSlug]: other.schemaIds.contract,
      requestCategory: other.schemaIds.requestCategory,
    });
    expect(demo.schemaIds.salesContract).toBe(demo.schemaIds.contract);
    expect(
      seed('other')
        .objects.filter((o) => o.schema === other.schemaIds.requestCategory)
        .map((o) => o.data),
    ).toContainEqual({
      name: 'Creditcontrole',
      exposeToCustomer: false,
    });
  });

  it('uses the documented formats: dates with offsets, C-{year}-{seq}, unique numbers and file ids', () => {
    for (const s of seeds) {
      for (const o of s.objects) {
        expect(o.created).toMatch(ISO_C);
        if (o.data.confirmedAt) expect(o.data.confirmedAt).toMatch(ISO_C);
        if (o.data.contractNumber !== undefined) expect(o.data.contractNumber).toMatch(/^C-\d{4}-\d{4}$/);
      }
      const numbers = s.objects.map((o) => o.data.invoiceNumber).filter((n) => n !== undefined);
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(new Set(s.files.map((f) => f.id)).size).toBe(s.files.length);
      expect(s.users.map((u) => u.id)).toEqual(['admin', 'dpo', 'portal-service', 'outsider']);
    }
    expect(schemaId(seed('demo'), 'client')).not.toBe(schemaId(seed('other'), 'client'));
  });

  it('attaches valid one-page PDFs that carry the document number', () => {
    const s = seed('demo');
    const invoice = ofClient(s, DEMO.demo.janJansen.clientId).invoices[0]!;
    const file = filesOf(s, invoice)[0]!;
    expect(xrefIsValid(file.bytes)).toBe(true);
    expect(Buffer.from(file.bytes).toString('latin1')).toContain(`(Factuur ${String(invoice.data.invoiceNumber)}) Tj`);
    const tax = (invoice.data.taxBreakdown as Array<{ rate: number }>)[0]!;
    expect(Buffer.from(file.bytes).toString('latin1')).toContain(`(BTW ${tax.rate}% over EUR `);
    expect(s.files.every((f) => xrefIsValid(f.bytes))).toBe(true);
  });
});

describe('pdf builder', () => {
  it('escapes parentheses and backslashes and keeps the xref exact', () => {
    const bytes = buildPdf('Factuur (kopie) \\ 1', [{ text: 'Totaal € 12,50' }]);
    const text = Buffer.from(bytes).toString('latin1');
    expect(text).toContain('(Factuur \\(kopie\\) \\\\ 1) Tj');
    expect(text).toContain('(Totaal EUR 12,50) Tj');
    expect(xrefIsValid(bytes)).toBe(true);
  });
});
