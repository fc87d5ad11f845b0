import { describe, expect, it } from 'vitest';
import { DEMO, demoSeeds } from './demo-data.js';
import { buildPdf } from './pdf.js';
import type { InstanceSeed, SimObject } from './types.js';

// The demo data promised by CONTRACT.md "Demo data", and the PDFs attached to it.
const seeds = demoSeeds();
const seed = (name: string) => seeds.find((s) => s.name === name)!;
const ISO_C = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;

function schemaId(s: InstanceSeed, slug: string): number {
  return s.schemas.find((x) => x.slug === slug)!.id;
}
function ofClient(s: InstanceSeed, clientId: string) {
  const objects = (slug: string) => s.objects.filter((o) => o.schema === schemaId(s, slug));
  const pos = objects('posTransaction').filter((o) => o.data.client === clientId);
  return {
    invoices: pos.filter((o) => o.data.documentType === 'invoice'),
    orders: pos.filter((o) => o.data.documentType === 'order'),
    contracts: objects('salesContract').filter((o) => o.data.clientRef === clientId),
    requests: objects('request').filter((o) => o.data.client === clientId),
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
