import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../test/csv.js';
import type { Account } from '../accounts/account.types.js';
import { emptyMfa } from '../accounts/account.types.js';
import type { AuditEvent } from '../audit/index.js';
import type { ContractRecord, InvoiceRecord, OrderRecord, RequestRecord } from '../portal-data/records.js';
import { defaultPortalSettings } from '../tenants/portal-settings.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import type { AccountExtras } from './export-account-extras.js';
import type { CollectedData } from './export-collector.js';
import type { ExportedDocument } from './export-manifest.js';
import { CSV_NAMES } from './export-readme.js';
import { exportTrailer } from './export-trailer.js';

/**
 * Everything after the documents in a data export, built from a known customer without a gateway:
 * what the DPO and the customer rely on in export.json (every section, the integrity figures of
 * each document, the sign-in history as a filtered pass), the CSV files a spreadsheet opens (column
 * order, escaping, words instead of codes, in the account's language), README.txt and the overview
 * page. The end-to-end tests (export-overview, export-completeness, export-fields) build the same
 * files from the simulator.
 */

const EXPORTED_AT = new Date('2026-12-07T10:15:30Z');
const tenant = {
  id: 'demo',
  portal: { ...defaultPortalSettings(), displayName: 'Waterbedrijf <Oost>', primaryColor: '#00aa00' },
} as Tenant;

const account: Account = {
  id: 'acc-1',
  tenantId: 'demo',
  email: 'jan@example.nl',
  type: 'B2C',
  status: 'ACTIVE',
  clientId: 'client-1',
  contactId: null,
  locale: 'nl',
  passwordHash: '$argon2id$secret',
  passwordChangedAt: new Date('2026-02-01T08:00:00Z'),
  mfa: { ...emptyMfa(), enabled: true, secretSealed: 'sealed-secret' },
  failuresResetAt: null,
  invitedBy: null,
  createdAt: new Date('2026-01-01T09:30:00Z'),
  activatedAt: new Date('2026-01-02T09:30:00Z'),
  lastSignInAt: new Date('2026-12-06T08:00:00Z'),
};

const transaction = {
  createdAt: null,
  date: new Date('2026-03-01T00:00:00Z'),
  subtotal: 100,
  discount: null,
  tax: 21,
  taxLines: [],
  currency: 'EUR',
  paymentStatus: 'settled',
  paymentMethod: 'iDEAL',
  reference: 'Ref, "A"',
  settledAt: new Date('2026-03-05T12:00:00Z'),
  refundedAt: null,
  lines: [],
};
const invoice: InvoiceRecord = {
  ...transaction,
  kind: 'invoice',
  id: 'inv-1',
  number: 'F-2026-001',
  amount: -12.5,
  status: 'settled',
  paymentState: 'PAID',
  files: [{ id: 7, name: 'factuur.pdf', mimeType: 'application/pdf', size: 10, modifiedAt: null, labels: [] }],
};
const order: OrderRecord = {
  ...transaction,
  kind: 'order',
  id: 'ord-1',
  number: 'O-1',
  amount: 50,
  status: 'confirmed',
  paymentState: 'OPEN',
  files: [],
};
const contract: ContractRecord = {
  kind: 'contract',
  id: 'con-1',
  createdAt: null,
  files: null,
  number: 'C-1',
  title: 'Onderhoud\nketel',
  startDate: new Date('2026-01-01T00:00:00Z'),
  endDate: null,
  value: 120,
  currency: 'EUR',
  status: 'active',
  billingInterval: 'monthly',
  autoRenew: false,
  noticePeriodDays: 30,
  clientId: 'client-1',
  lines: [],
};
/** A contract whose renewal Nextcloud does not say, with an end date. */
const ending: ContractRecord = {
  ...contract,
  id: 'con-2',
  number: 'C-2',
  title: 'Huur',
  autoRenew: null,
  endDate: new Date('2027-01-01T00:00:00Z'),
};
const request: RequestRecord = {
  kind: 'request',
  id: 'req-1',
  createdAt: new Date('2026-04-01T07:00:00Z'),
  files: [],
  number: 'R-1',
  subject: '=HYPERLINK("http://evil.example")',
  body: 'Lekkage <b>keuken</b>',
  category: 'storing',
  status: 'in_progress',
  priority: 'high',
  date: null,
  notes: [
    { author: 'Jan', message: 'Tweede bericht', createdAt: new Date('2026-04-03T10:00:00Z') },
    { author: 'Kantoor', message: 'Eerste bericht', createdAt: new Date('2026-04-02T10:00:00Z') },
  ],
  canReply: true,
};

const documents: ExportedDocument[] = [
  {
    path: 'documents/invoice-F-2026-001-factuur.pdf',
    source: 'invoice',
    sourceId: 'inv-1',
    sourceNumber: 'F-2026-001',
    fileId: 7,
    name: 'factuur.pdf',
    mimeType: 'application/pdf',
    included: true,
    size: 1234,
    sha256: 'ab'.repeat(32),
  },
  {
    path: 'documents/request-R-1-foto.jpg',
    source: 'request',
    sourceId: 'req-1',
    sourceNumber: null,
    fileId: 8,
    name: 'foto.jpg',
    mimeType: null,
    included: false,
    size: null,
    sha256: null,
  },
];

const extras: AccountExtras = {
  pendingEmailChange: {
    email: 'jan.nieuw@example.nl',
    requestedAt: new Date('2026-12-01T10:00:00Z'),
    expiresAt: new Date('2026-12-02T10:00:00Z'),
  },
  sessions: [
    {
      kind: 'full',
      createdAt: new Date('2026-12-06T08:00:00Z'),
      lastSeenAt: new Date('2026-12-06T08:30:00Z'),
      expiresAt: new Date('2026-12-07T08:00:00Z'),
      revokedAt: new Date('2026-12-06T09:00:00Z'),
      revokedReason: 'logout',
    },
  ],
};

function event(seq: number, type: string, more: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: `ev-${seq}`,
    hash: 'h',
    seq,
    tenantId: 'demo',
    type,
    outcome: 'success',
    occurredAt: new Date(`2026-12-0${seq}T10:00:00Z`),
    accountId: 'acc-1',
    actor: 'customer:acc-1',
    targetType: null,
    targetId: null,
    details: {},
    ...more,
  } as AuditEvent;
}
const EVENTS = [
  event(1, 'login.succeeded'),
  event(2, 'export.requested', { targetType: 'data-export', targetId: 'exp-1', details: { via: 'portal' } }),
  event(3, 'login.failed', { outcome: 'denied' }),
  event(4, 'profile.updated', { targetType: 'contact', targetId: null }),
];

function data(overrides: Partial<CollectedData> = {}): CollectedData {
  return {
    person: {
      id: 'client-1',
      name: 'Jan Jansen',
      address: { street: 'Dorpsstraat 1', city: 'Utrecht', box: null, addition: '' },
    },
    organisation: { id: 'org-without-details' },
    contact: null,
    records: { invoice: [invoice], order: [order], contract: [contract, ending], request: [request] },
    internalNotes: { 'req-1': [{ author: 'Piet', message: 'Klant is boos', createdAt: '2026-04-02T12:00:00Z' }] },
    internalNotesExcluded: null,
    ...overrides,
  };
}

async function trailer(
  options: {
    locale?: Account['locale'];
    data?: CollectedData;
    events?: AuditEvent[];
    brand?: string;
    documents?: ExportedDocument[];
  } = {},
) {
  let passes = 0;
  const events = options.events ?? EVENTS;
  const files = exportTrailer({
    exportId: 'exp-1',
    exportedAt: EXPORTED_AT,
    tenant: options.brand ? ({ ...tenant, portal: { ...tenant.portal, primaryColor: options.brand } } as Tenant) : tenant,
    account: { ...account, locale: options.locale ?? account.locale },
    data: options.data ?? data(),
    documents: options.documents ?? documents,
    extras,
    events: () => {
      passes++;
      return (async function* () {
        yield* events;
      })();
    },
  });
  const contents = new Map<string, string>();
  for (const file of files) {
    contents.set(file.zipPath, (Buffer.isBuffer(file.body) ? file.body : await buffer(file.body)).toString('utf8'));
  }
  return { paths: files.map((file) => file.zipPath), contents, passes };
}

/** RFC 4180 rows of a CSV file (after its byte order mark), every row ended by CRLF. */
function csv(text: string | undefined): string[][] {
  expect(text?.startsWith('\uFEFF')).toBe(true);
  expect(text!.endsWith('\r\n')).toBe(true);
  return parseCsv(text!.slice(1));
}

describe('the files after the documents', () => {
  it('are export.json, README.txt, the overview in the account language and every CSV the README names', async () => {
    const dutch = await trailer();
    expect(dutch.paths).toEqual(['export.json', 'README.txt', 'overzicht.html', ...CSV_NAMES.map((name) => `csv/${name}`)]);
    // Each list of audit events takes its own pass over the trail (none holds it in memory): two in
    // export.json, two on the overview, one CSV.
    expect(dutch.passes).toBe(5);
    expect((await trailer({ locale: 'en' })).paths.slice(0, 3)).toEqual(['export.json', 'README.txt', 'overview.html']);
  });
});

describe('export.json', () => {
  type Manifest = Record<string, unknown> & {
    documents: ExportedDocument[];
    signInHistory: Array<{ seq: number }>;
    auditEvents: Array<Record<string, unknown>>;
    requests: Array<Record<string, unknown>>;
    invoices: Array<Record<string, unknown>>;
  };
  const manifest = async (options: Parameters<typeof trailer>[0] = {}) =>
    JSON.parse((await trailer(options)).contents.get('export.json')!) as Manifest;

  it('holds every section of the customer, and the integrity figures of each document', async () => {
    const json = await manifest();
    expect(Object.keys(json)).toEqual([
      'format',
      'exportId',
      'exportedAt',
      'portal',
      'account',
      'person',
      'contact',
      'organisation',
      'pendingEmailChange',
      'sessions',
      'delegations',
      'invoices',
      'orders',
      'contracts',
      'requests',
      'internalNotesExcluded',
      'documents',
      'signInHistory',
      'auditEvents',
    ]);
    expect(json).toMatchObject({
      format: 'pipelinq-portal-export/1',
      exportId: 'exp-1',
      exportedAt: EXPORTED_AT.toISOString(),
      portal: { tenantId: 'demo', name: 'Waterbedrijf <Oost>' },
      account: {
        id: 'acc-1',
        email: 'jan@example.nl',
        type: 'B2C',
        status: 'ACTIVE',
        locale: 'nl',
        mfaEnabled: true,
        createdAt: '2026-01-01T09:30:00.000Z',
        activatedAt: '2026-01-02T09:30:00.000Z',
        lastSignInAt: '2026-12-06T08:00:00.000Z',
        passwordChangedAt: '2026-02-01T08:00:00.000Z',
      },
      person: { id: 'client-1', name: 'Jan Jansen' },
      pendingEmailChange: { email: 'jan.nieuw@example.nl' },
      sessions: [{ kind: 'full', revokedReason: 'logout' }],
      delegations: { granted: [], received: [] },
      internalNotesExcluded: null,
    });
    expect(JSON.stringify(json)).not.toMatch(/argon2|sealed-secret/);
    // Records without their file lists (those are the documents) and without the portal's kind tag.
    expect(json.invoices).toEqual([expect.objectContaining({ id: 'inv-1', number: 'F-2026-001', amount: -12.5 })]);
    expect(json.invoices[0]).not.toHaveProperty('files');
    expect(json.invoices[0]).not.toHaveProperty('kind');
    expect(json.requests[0]).toMatchObject({
      id: 'req-1',
      internalNotes: [{ author: 'Piet', message: 'Klant is boos' }],
    });
    expect(json.documents).toEqual(documents);
  });

  it('has the sign-in history as its own list and every audit event, each with its target', async () => {
    const json = await manifest();
    expect(json.signInHistory.map((e) => e.seq)).toEqual([1, 3]);
    expect(json.auditEvents.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(json.auditEvents[1]).toEqual({
      seq: 2,
      occurredAt: '2026-12-02T10:00:00.000Z',
      type: 'export.requested',
      outcome: 'success',
      actor: 'customer:acc-1',
      target: { type: 'data-export', id: 'exp-1' },
      details: { via: 'portal' },
    });
    expect(json.auditEvents[0]!.target).toBeNull();
    // Neither list is ever dropped or broken: one event, or no sign-in at all, is still valid JSON.
    const one = await manifest({ events: [event(2, 'export.requested')] });
    expect([one.signInHistory, one.auditEvents.length]).toEqual([[], 1]);
    const none = await manifest({ events: [] });
    expect([none.signInHistory, none.auditEvents]).toEqual([[], []]);
  });

  it('leaves internal notes out when the tenant stated a ground, and says so', async () => {
    const json = await manifest({ data: data({ internalNotes: null, internalNotesExcluded: 'Art. 15 lid 4' }) });
    expect(json.internalNotesExcluded).toBe('Art. 15 lid 4');
    const { contents } = await trailer({ data: data({ internalNotes: null, internalNotesExcluded: 'Art. 15 lid 4' }) });
    expect(csv(contents.get('csv/request-notes.csv')).map((row) => row[4])).toEqual([
      'Bericht',
      'Eerste bericht',
      'Tweede bericht',
    ]);
    expect(json.requests[0]).not.toHaveProperty('internalNotes');
    // A request without internal notes of its own still says it has none.
    const empty = await manifest({ data: data({ internalNotes: {} }) });
    expect(empty.requests[0]!.internalNotes).toEqual([]);
  });
});

describe('the CSV files', () => {
  it('have the overview’s columns in order, in Dutch, statuses and yes/no in words, text escaped and formulas inert', async () => {
    const { contents } = await trailer();
    const invoices = csv(contents.get('csv/invoices.csv'));
    expect(invoices).toEqual([
      ['Nummer', 'Datum', 'Bedrag', 'Valuta', 'Status', 'Betaling', 'Betaalwijze', 'Kenmerk', 'Betaald op', 'Id'],
      [
        'F-2026-001',
        '2026-03-01T00:00:00.000Z',
        '-12.5',
        'EUR',
        'Betaald',
        'Betaald',
        'iDEAL',
        'Ref, "A"',
        '2026-03-05T12:00:00.000Z',
        'inv-1',
      ],
    ]);
    expect(csv(contents.get('csv/orders.csv'))[1]).toEqual(
      expect.arrayContaining(['O-1', 'Bevestigd', 'Nog te betalen', 'ord-1']),
    );
    expect(csv(contents.get('csv/contracts.csv'))).toEqual([
      [
        'Nummer',
        'Titel',
        'Status',
        'Begindatum',
        'Einddatum',
        'Waarde',
        'Valuta',
        'Factuurperiode',
        'Automatisch verlengd',
        'Opzegtermijn (dagen)',
        'Id',
      ],
      ['C-1', 'Onderhoud\nketel', 'Actief', '2026-01-01T00:00:00.000Z', '', '120', 'EUR', 'monthly', 'Nee', '30', 'con-1'],
      // Renewal unknown: empty, never "no".
      [
        'C-2',
        'Huur',
        'Actief',
        '2026-01-01T00:00:00.000Z',
        '2027-01-01T00:00:00.000Z',
        '120',
        'EUR',
        'monthly',
        '',
        '30',
        'con-2',
      ],
    ]);
    expect(csv(contents.get('csv/requests.csv'))).toEqual([
      ['Nummer', 'Datum', 'Onderwerp', 'Categorie', 'Status', 'Prioriteit', 'Omschrijving', 'Id'],
      // No date of its own: the creation date stands in.
      [
        'R-1',
        '2026-04-01T07:00:00.000Z',
        '\'=HYPERLINK("http://evil.example")',
        'storing',
        'In behandeling',
        'high',
        'Lekkage <b>keuken</b>',
        'req-1',
      ],
    ]);
  });

  it('list every note oldest first, the internal ones marked, and every document with its place in the archive', async () => {
    const { contents } = await trailer();
    expect(csv(contents.get('csv/request-notes.csv'))).toEqual([
      ['Aanvraag', 'Datum', 'Zichtbaarheid', 'Van', 'Bericht'],
      ['R-1', '2026-04-02T10:00:00.000Z', 'Zichtbaar voor u', 'Kantoor', 'Eerste bericht'],
      ['R-1', '2026-04-02T12:00:00Z', 'Interne notitie', 'Piet', 'Klant is boos'],
      ['R-1', '2026-04-03T10:00:00.000Z', 'Zichtbaar voor u', 'Jan', 'Tweede bericht'],
    ]);
    expect(csv(contents.get('csv/documents.csv'))).toEqual([
      ['Naam', 'Hoort bij', 'Bestand in het archief', 'In het archief', 'Grootte (bytes)'],
      ['factuur.pdf', 'invoice F-2026-001', 'documents/invoice-F-2026-001-factuur.pdf', 'Ja', '1234'],
      ['foto.jpg', 'request req-1', 'documents/request-R-1-foto.jpg', 'Nee', ''],
    ]);
    expect(csv(contents.get('csv/sessions.csv'))).toEqual([
      ['Soort', 'Begonnen', 'Laatst actief', 'Verloopt', 'Beëindigd', 'Reden beëindiging'],
      [
        'Ingelogd',
        '2026-12-06T08:00:00.000Z',
        '2026-12-06T08:30:00.000Z',
        '2026-12-07T08:00:00.000Z',
        '2026-12-06T09:00:00.000Z',
        'logout',
      ],
    ]);
    expect(csv(contents.get('csv/audit-events.csv'))).toEqual([
      ['Volgnummer', 'Tijdstip (UTC)', 'Gebeurtenis', 'Uitkomst', 'Door', 'Betreft', 'Details'],
      ['1', '2026-12-01T10:00:00.000Z', 'login.succeeded', 'Gelukt', 'customer:acc-1', '', ''],
      ['2', '2026-12-02T10:00:00.000Z', 'export.requested', 'Gelukt', 'customer:acc-1', 'data-export exp-1', '{"via":"portal"}'],
      ['3', '2026-12-03T10:00:00.000Z', 'login.failed', 'Geweigerd', 'customer:acc-1', '', ''],
      ['4', '2026-12-04T10:00:00.000Z', 'profile.updated', 'Gelukt', 'customer:acc-1', 'contact', ''],
    ]);
  });

  it('are in English for an English account', async () => {
    const { contents } = await trailer({ locale: 'en' });
    expect(csv(contents.get('csv/invoices.csv'))[0]).toEqual([
      'Number',
      'Date',
      'Amount',
      'Currency',
      'Status',
      'Payment',
      'Payment method',
      'Reference',
      'Paid on',
      'Id',
    ]);
    expect(csv(contents.get('csv/invoices.csv'))[1]!.slice(4, 6)).toEqual(['Paid', 'Paid']);
    expect(csv(contents.get('csv/contracts.csv'))[1]![8]).toBe('No');
    // Statuses in words in English too, never Nextcloud's codes.
    expect(csv(contents.get('csv/orders.csv'))[1]!.slice(4, 6)).toEqual(['Confirmed', 'To be paid']);
    expect(csv(contents.get('csv/contracts.csv'))[1]![2]).toBe('Active');
    expect(csv(contents.get('csv/requests.csv'))[1]![4]).toBe('In progress');
    expect(csv(contents.get('csv/sessions.csv'))[1]![0]).toBe('Signed in');
    expect(csv(contents.get('csv/documents.csv')).map((row) => row[3])).toEqual(['In the archive', 'Yes', 'No']);
    expect(csv(contents.get('csv/request-notes.csv')).map((row) => row[2])).toEqual([
      'Visibility',
      'Visible to you',
      'Internal note',
      'Visible to you',
    ]);
    expect(csv(contents.get('csv/audit-events.csv')).map((row) => row[3])).toEqual([
      'Outcome',
      'Succeeded',
      'Succeeded',
      'Refused',
      'Succeeded',
    ]);
  });
});

describe('README.txt', () => {
  it('names every part of export.json with its source, the CSV files and the export time, in the account language', async () => {
    const dutch = (await trailer()).contents.get('README.txt')!;
    const lines = dutch.split('\r\n');
    expect(lines[0]).toBe('Gegevensexport van het klantportaal van Waterbedrijf <Oost>');
    expect(lines[1]).toBe('Gemaakt op 2026-12-07 10:15:30 (UTC).');
    for (const part of ['account', 'pendingEmailChange', 'sessions', 'signInHistory', 'person', 'contact', 'organisation']) {
      expect(lines.some((line) => line.startsWith(`- ${part}: `))).toBe(true);
    }
    expect(dutch).toContain('- invoices: facturen (bron: Nextcloud, Pipelinq-posTransaction)');
    expect(dutch).toContain('- internalNotes: ');
    expect(dutch).toContain(`  ${CSV_NAMES.join(', ')}`);
    expect(dutch).not.toMatch(/NIET opgenomen/);
    expect(dutch.endsWith('\r\n')).toBe(true);
    expect(dutch).not.toMatch(/undefined|null/);
    // The CSV list, then only the closing advice.
    expect(lines.at(-4)).toBe(`  ${CSV_NAMES.join(', ')}`);
    expect(lines.slice(-3, -2)).toEqual(['']);
    const english = (await trailer({ locale: 'en' })).contents.get('README.txt')!;
    expect(english).toContain('- invoices: invoices (source: Nextcloud, Pipelinq posTransaction)');
    expect(english).toContain('overview.html');
  });

  it('quotes the ground when internal notes were left out, and does not list them as a part', async () => {
    const readme = (await trailer({ data: data({ internalNotes: null, internalNotesExcluded: 'Art. 15 lid 4' }) })).contents.get(
      'README.txt',
    )!;
    expect(readme).toContain('  "Art. 15 lid 4"');
    expect(readme).toMatch(/NIET opgenomen/);
    expect(readme).not.toContain('- internalNotes:');
    expect(readme).toContain('- invoices: facturen');
    expect(readme).toContain('- documents: ');
  });
});

describe('the overview page', () => {
  const overview = async (options: Parameters<typeof trailer>[0] = {}) => {
    const { contents } = await trailer(options);
    return contents.get(options.locale?.startsWith('en') ? 'overview.html' : 'overzicht.html')!;
  };
  const section = (html: string, key: string) => {
    const start = html.indexOf(`<section aria-labelledby="${key}">`);
    expect(start, key).toBeGreaterThan(0);
    return html.slice(start, html.indexOf('</section>', start));
  };

  it('has every section in order, in the account language, the tenant name escaped', async () => {
    const html = await overview();
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="nl">')).toBe(true);
    expect(html).toContain('<title>Uw gegevens bij Waterbedrijf &#60;Oost&#62;</title>');
    expect(html).toContain('<h1>Uw gegevens bij Waterbedrijf &#60;Oost&#62;</h1>');
    expect(html).toContain('Overzicht gemaakt op 2026-12-07 10:15:30 (UTC).');
    const order = [...html.matchAll(/<section aria-labelledby="([a-zA-Z]+)">/g)].map((m) => m[1]);
    expect(order).toEqual([
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
    ]);
    const contents = [...html.matchAll(/<li><a href="#([a-zA-Z]+)">/g)].map((m) => m[1]);
    expect(contents).toEqual(order);
    expect(html.trimEnd().endsWith('</main>\n</body>\n</html>')).toBe(true);
    // Self-contained: no scripts, nothing loaded, links only within the page or the archive.
    expect(html).not.toMatch(/<script|src=|href="(?!#|documents\/)/i);
    const english = await overview({ locale: 'en' });
    expect(english).toContain('<html lang="en">');
    expect(section(english, 'signInHistory')).toContain('<h2 id="signInHistory">Sign-in history</h2>');
    expect(section(english, 'account')).toContain('<th scope="row">Account type</th><td class="text">Consumer</td>');
    expect(section(english, 'account')).toContain('<th scope="row">Status</th><td class="text">Active</td>');
  });

  it('shows the account and the person in words, empty parts as "no data", objects by their parts', async () => {
    const html = await overview();
    const own = section(html, 'account');
    expect(own).toContain('<tr><th scope="row">E-mailadres</th><td class="text">jan@example.nl</td></tr>');
    expect(own).toContain('<th scope="row">Soort account</th><td class="text">Particulier</td>');
    expect(own).toContain('<th scope="row">Tweestapsverificatie aan</th><td class="text">Ja</td>');
    // Dates to the minute; a date never set is left out rather than shown empty.
    expect(own).toContain('<th scope="row">Aangemaakt</th><td class="text">2026-01-01 09:30</td>');
    expect(own).toContain('<th scope="row">Status</th><td class="text">Actief</td>');
    expect(own).toContain('<th scope="row">Taal</th><td class="text">nl</td>');
    expect(own).toContain('<th scope="row">Geactiveerd</th><td class="text">2026-01-02 09:30</td>');
    expect(own).toContain('<th scope="row">Laatst ingelogd</th><td class="text">2026-12-06 08:00</td>');
    expect(own).toContain('<th scope="row">Wachtwoord gewijzigd</th><td class="text">2026-02-01 08:00</td>');
    const person = section(html, 'person');
    expect(person).toContain('<td class="text">Jan Jansen</td>');
    expect(person).toContain('<td class="text">Dorpsstraat 1, Utrecht</td>');
    expect(person).not.toMatch(/\[object Object\]|undefined|null|Telefoon/);
    // An organisation record with nothing but its id has no details to show.
    expect(section(html, 'organisation')).toContain('<p>Geen gegevens.</p>');
    expect(section(html, 'organisation')).not.toContain('<table');
    expect(section(html, 'contact')).toContain('<p>Geen gegevens.</p>');
    const pending = section(html, 'pendingEmailChange');
    expect(pending).toContain('<td class="text">jan.nieuw@example.nl</td>');
    expect(pending).toContain('<td class="text">2026-12-01 10:00</td>');
    expect(pending).toContain('<td class="text">2026-12-02 10:00</td>');
    expect(section(html, 'contracts')).not.toMatch(/null|undefined/);
  });

  it('lists records, requests with their notes, and links only documents that are in the archive', async () => {
    const html = await overview();
    const invoices = section(html, 'invoices');
    expect(invoices).toContain('<caption>Facturen</caption>');
    expect(invoices).toContain('<th scope="col">Nummer</th><th scope="col">Datum</th>');
    expect(invoices).toContain('<td class="text">Betaald</td>');
    expect(invoices).toContain('<td class="text">Ref, &#34;A&#34;</td>');
    const requests = section(html, 'requests');
    expect(requests).toContain('<h3>R-1: =HYPERLINK(&#34;http://evil.example&#34;)</h3>');
    expect(requests).toContain('<td class="text">Lekkage &#60;b&#62;keuken&#60;/b&#62;</td>');
    for (const [label, value] of [
      ['Nummer', 'R-1'],
      ['Datum', '2026-04-01 07:00'],
      ['Categorie', 'storing'],
      ['Status', 'In behandeling'],
      ['Prioriteit', 'high'],
      ['Id', 'req-1'],
    ]) {
      expect(requests).toContain(`<th scope="row">${label}</th><td class="text">${value}</td>`);
    }
    expect(requests).toContain('<th scope="row">Onderwerp</th><td class="text">=HYPERLINK(&#34;http://evil.example&#34;)</td>');
    expect(requests.indexOf('Eerste bericht')).toBeLessThan(requests.indexOf('Klant is boos'));
    expect(requests.indexOf('Klant is boos')).toBeLessThan(requests.indexOf('Tweede bericht'));
    const links = [...section(html, 'documents').matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(links).toEqual(['documents/invoice-F-2026-001-factuur.pdf']);
    expect(section(html, 'sessions')).toContain('<td class="text">Ingelogd</td>');
    const signIns = section(html, 'signInHistory');
    expect(signIns).toContain('login.succeeded');
    expect(signIns).toContain('login.failed');
    expect(signIns).not.toContain('export.requested');
    const trail = section(html, 'auditEvents');
    expect(trail).toContain('<td class="text">data-export exp-1</td>');
    // One table per list: one header row, then a row per event.
    for (const [key, rows] of [
      ['signInHistory', 2],
      ['auditEvents', 4],
    ] as const) {
      expect(section(html, key).match(/<table>/g), key).toHaveLength(1);
      expect(section(html, key).match(/<tr>/g), key).toHaveLength(rows + 1);
      expect(section(html, key).endsWith('</tbody></table>\n'), key).toBe(true);
    }
  });

  it('says "no data" for empty lists and the stated ground when internal notes were left out', async () => {
    const html = await overview({
      data: data({
        records: { invoice: [], order: [], contract: [], request: [] },
        internalNotes: null,
        internalNotesExcluded: 'Art. 15 lid 4',
      }),
      events: [],
    });
    for (const key of ['invoices', 'orders', 'contracts', 'signInHistory', 'auditEvents']) {
      expect(section(html, key), key).toContain('<p>Geen gegevens.</p>');
      expect(section(html, key), key).not.toContain('<table');
    }
    expect(section(html, 'requests')).toContain(
      '<p>Interne notities zijn niet opgenomen. Opgegeven grond: &#34;Art. 15 lid 4&#34;</p>\n<p>Geen gegevens.</p>',
    );
  });

  it('links a document only as a relative path inside the archive, never to an address or outside it', async () => {
    const named = (path: string): ExportedDocument => ({ ...documents[0]!, path });
    const html = await overview({
      documents: [
        named('documents/factuur maart #1.pdf'),
        named('https://evil.example/x.pdf'),
        named('javascript:alert(1)'),
        named('/etc/passwd'),
        named('documents/../../x.pdf'),
      ],
    });
    const links = [...section(html, 'documents').matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(links).toEqual(['documents/factuur%20maart%20%231.pdf']);
    // The others are still listed, as text.
    expect(section(html, 'documents')).toContain('<td class="text">https://evil.example/x.pdf</td>');
  });

  it('uses the tenant colour only when it is a colour', async () => {
    expect(await overview()).toContain('border-top:.5rem solid #00aa00}');
    expect(await overview({ brand: '#0a0' })).toContain('solid #0a0}');
    const hostile = await overview({ brand: 'red}body{background:url(http://evil.example)' });
    expect(hostile).toContain('solid #21468B}');
    expect(hostile).not.toContain('url(');
    // A colour at the start or the end of something else is not a colour either.
    for (const brand of ['#fff}body{display:none', 'red}body{display:none}#fff']) {
      const page = await overview({ brand });
      expect(page, brand).toContain('solid #21468B}');
      expect(page, brand).not.toContain('display:none');
    }
  });
});
