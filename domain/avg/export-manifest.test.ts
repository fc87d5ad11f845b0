import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import type { Account } from '../accounts/account.types.js';
import { emptyMfa } from '../accounts/account.types.js';
import type { AuditEvent } from '../audit/index.js';
import type { ContractRecord, InvoiceRecord, OrderRecord, PortalRecord, RequestRecord } from '../portal-data/records.js';
import { defaultPortalSettings } from '../tenants/portal-settings.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { documentsOf, manifestStream, planDocuments, readmeText, safeFileName } from './export-manifest.js';

function invoice(id: string, number: string, files: Array<{ id: number; name: string }>): InvoiceRecord {
  return {
    kind: 'invoice',
    id,
    createdAt: null,
    files: files.map((f) => ({ ...f, mimeType: 'application/pdf', size: 10, modifiedAt: null, labels: [] })),
    number,
    date: null,
    amount: 10,
    subtotal: 10,
    discount: null,
    tax: null,
    taxLines: [],
    currency: 'EUR',
    status: 'settled',
    paymentStatus: 'settled',
    paymentState: 'PAID',
    paymentMethod: null,
    reference: null,
    settledAt: null,
    refundedAt: null,
    lines: [],
  };
}

describe('export names', () => {
  it('makes file names safe: no paths, no odd characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('Factuur 2026/01 "Ketel".pdf')).toBe('Factuur_2026_01_Ketel_.pdf');
    expect(safeFileName('...')).toBe('file');
  });

  it('names documents <source>-<number>-<name> and keeps equal names apart', () => {
    const records = {
      invoice: [
        invoice('a', 'F-2026-00001', [
          { id: 1, name: 'factuur.pdf' },
          { id: 2, name: 'factuur.pdf' },
        ]),
      ] as PortalRecord[],
      order: [],
      contract: [],
      request: [],
    };
    expect(planDocuments(records).map((p) => p.zipPath)).toEqual([
      'documents/invoice-F-2026-00001-factuur.pdf',
      'documents/invoice-F-2026-00001-factuur-2.pdf',
    ]);
  });
});

describe('the documents of an export', () => {
  it('stores a file once when a transaction is both invoice and order; names by id when there is no number', () => {
    const both = invoice('tx-1', 'F-2026-00002', [{ id: 3, name: 'bon.pdf' }]);
    const order = { ...both, kind: 'order' } as OrderRecord;
    const request = {
      kind: 'request',
      id: 'req-9',
      number: null,
      files: both.files!.map((f) => ({ ...f, id: 4, name: 'foto' })),
    };
    const contract = { kind: 'contract', id: 'con-1', number: 'C-1', files: null } as unknown as ContractRecord;
    const plans = planDocuments({
      invoice: [both],
      order: [order],
      contract: [contract],
      request: [request as unknown as RequestRecord],
    });
    expect(plans.map((p) => p.zipPath)).toEqual(['documents/invoice-F-2026-00002-bon.pdf', 'documents/request-req-9-foto']);
    expect(plans[1]!.file).toEqual({ id: 4, name: 'foto', mimeType: 'application/pdf' });
    expect(plans[1]!.record.id).toBe('req-9');
  });

  it('keeps equal names without an extension apart too, and cuts very long names', () => {
    const records = {
      invoice: [
        invoice('a', 'F-1', [
          { id: 1, name: 'scan' },
          { id: 2, name: 'scan' },
          { id: 5, name: `${'x'.repeat(300)}.pdf` },
        ]),
      ] as PortalRecord[],
      order: [],
      contract: [],
      request: [],
    };
    const paths = planDocuments(records).map((p) => p.zipPath);
    expect(paths.slice(0, 2)).toEqual(['documents/invoice-F-1-scan', 'documents/invoice-F-1-scan-2']);
    expect(paths[2]).toBe(`documents/invoice-F-1-${'x'.repeat(120)}`);
  });

  it('lists each planned document with what the archive writer reported: size and hash, or missing', () => {
    const plans = planDocuments({
      invoice: [
        invoice('a', 'F-1', [
          { id: 1, name: 'a.pdf' },
          { id: 2, name: 'b.pdf' },
          { id: 3, name: 'c.pdf' },
        ]),
      ] as PortalRecord[],
      order: [],
      contract: [],
      request: [],
    });
    const documents = documentsOf(plans, [
      { zipPath: 'documents/invoice-F-1-a.pdf', included: true, size: 12, sha256: 'aa' },
      { zipPath: 'documents/invoice-F-1-b.pdf', included: false, size: null, sha256: null },
    ]);
    expect(documents).toEqual([
      {
        path: 'documents/invoice-F-1-a.pdf',
        source: 'invoice',
        sourceId: 'a',
        sourceNumber: 'F-1',
        fileId: 1,
        name: 'a.pdf',
        mimeType: 'application/pdf',
        included: true,
        size: 12,
        sha256: 'aa',
      },
      expect.objectContaining({ fileId: 2, included: false, size: null, sha256: null }),
      // Never written at all (the run broke off before it): not claimed to be in the archive.
      expect.objectContaining({ fileId: 3, included: false, size: null, sha256: null }),
    ]);
  });
});

describe('export.json', () => {
  const tenant = { id: 't1', portal: defaultPortalSettings() } as Tenant;
  const account: Account = {
    id: 'acc-1',
    tenantId: 't1',
    email: 'p@example.nl',
    type: 'B2C',
    status: 'ACTIVE',
    clientId: 'c1',
    contactId: null,
    locale: 'en',
    passwordHash: '$argon2id$secret',
    passwordChangedAt: null,
    mfa: { ...emptyMfa(), secretSealed: 'sealed-secret' },
    failuresResetAt: null,
    invitedBy: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    activatedAt: null,
    lastSignInAt: null,
  };
  async function* events(count: number): AsyncGenerator<AuditEvent> {
    for (let seq = 1; seq <= count; seq++) {
      yield { seq, type: 'login.succeeded', outcome: 'success', occurredAt: new Date(0), details: {}, ipHash: 'h' } as AuditEvent;
    }
  }
  const render = (count: number) =>
    text(
      manifestStream({
        exportId: 'exp_1',
        exportedAt: new Date('2026-05-01T00:00:00Z'),
        tenant,
        account,
        data: {
          person: { id: 'c1', name: 'P' },
          contact: null,
          organisation: null,
          records: { invoice: [], order: [], contract: [], request: [] },
          internalNotes: {},
          internalNotesExcluded: null,
        },
        documents: [],
        extras: { pendingEmailChange: null, sessions: [] },
        signInEvents: events(count),
        auditEvents: events(count),
      }) as Readable,
    );

  it('is valid JSON with the audit events streamed in, and without credentials', async () => {
    const json = JSON.parse(await render(3)) as Record<string, unknown> & { auditEvents: unknown[]; account: object };
    expect(json.format).toBe('pipelinq-portal-export/1');
    expect(json.auditEvents).toHaveLength(3);
    expect(json.account).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(json)).not.toMatch(/argon2|sealed-secret|ipHash/);
    expect(JSON.parse(await render(0)).auditEvents).toEqual([]);
  });

  it('README follows the account language', () => {
    expect(readmeText('en', 'Klantportaal', new Date()).toString()).toContain('Data export');
    expect(readmeText('nl', 'Klantportaal', new Date()).toString()).toContain('Gegevensexport');
  });
});
