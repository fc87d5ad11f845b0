import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import type { Account } from '../accounts/account.types.js';
import { emptyMfa } from '../accounts/account.types.js';
import type { AuditEvent } from '../audit/index.js';
import type { InvoiceRecord, PortalRecord } from '../portal-data/records.js';
import { defaultPortalSettings } from '../tenants/portal-settings.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { manifestStream, planDocuments, readmeText, safeFileName } from './export-manifest.js';

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
