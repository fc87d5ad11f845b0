import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { useBrowser } from '../../test/browser.js';
import { parseCsv } from '../../test/csv.js';
import { signInCustomer } from '../../test/customers.js';
import { expectNoAxeViolations } from '../../test/e2e/portal-support.js';
import { startTestGateway, type TestGateway } from '../../test/gateway.js';
import type { Account } from '../accounts/account.types.js';
import { CSV_NAMES } from './export-readme.js';
import { exportInMemory } from './export.test-support.js';

/**
 * The readable half of a data export (issue 14 item 3): next to export.json the ZIP holds an
 * overview page a person opens in a browser, in their language, accessible and self-contained,
 * and a CSV file per list that a spreadsheet opens safely. Built from the demo B2C customer's real
 * data (simulator, store, audit trail), archived with the export's own writer, then unzipped.
 */
const JAN = DEMO.demo.janJansen;
let gateway: TestGateway;
let account: Account;
const browser = useBrowser();

beforeAll(async () => {
  gateway = await startTestGateway({}, { jobs: { start: false } });
  account = (await gateway.services.accounts.repository.findByEmail('demo', JAN.email))!;
  await signInCustomer(gateway, 'jan');
  // A request whose text a spreadsheet would run and a browser would render, to prove both are inert.
  const request = gateway.simulator
    .instance('demo')
    .data.objects.find((o) => o.data.client === JAN.clientId && Array.isArray(o.data.notes))!;
  request.data.title = '=HYPERLINK("http://evil.example","klik")';
  (request.data.notes as unknown[]).push({
    visibility: 'customer',
    author: 'Klantenservice',
    message: '<script>document.title="pwned"</script><img src="http://evil.example/x.png">',
    createdAt: '2026-03-01 10:00:00',
  });
});
afterAll(async () => {
  await gateway?.close();
});

const exportOf = (target: Account) => exportInMemory(gateway, 'demo', target);

const csvRows = (archive: Map<string, Buffer>, name: string) => {
  const bytes = archive.get(`csv/${name}`);
  expect(bytes, name).toBeDefined();
  expect([...bytes!.subarray(0, 3)], `${name} starts with a BOM`).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(bytes!.subarray(3).toString('utf8'));
};

describe('the readable part of a data export', () => {
  let archive: Map<string, Buffer>;
  let json: Record<string, unknown>;

  beforeAll(async () => {
    archive = await exportOf(account);
    json = JSON.parse(archive.get('export.json')!.toString('utf8')) as Record<string, unknown>;
  });

  it('holds export.json, README.txt, overzicht.html for a Dutch account and every CSV the README names', () => {
    expect(account.locale.startsWith('nl')).toBe(true);
    expect([...archive.keys()]).toEqual(expect.arrayContaining(['export.json', 'README.txt', 'overzicht.html']));
    expect(archive.has('overview.html')).toBe(false);
    const readme = archive.get('README.txt')!.toString('utf8');
    expect(readme).toContain('overzicht.html');
    for (const name of CSV_NAMES) {
      expect(archive.has(`csv/${name}`), name).toBe(true);
      expect(readme).toContain(name);
    }
    expect([...archive.keys()].filter((k) => k.startsWith('csv/')).sort()).toEqual(CSV_NAMES.map((n) => `csv/${n}`).sort());
  });

  it('has a CSV row for every invoice, order, contract, request and audit event in export.json, statuses in words', () => {
    const lists: Array<[string, string]> = [
      ['invoices.csv', 'invoices'],
      ['orders.csv', 'orders'],
      ['contracts.csv', 'contracts'],
      ['requests.csv', 'requests'],
      ['audit-events.csv', 'auditEvents'],
    ];
    for (const [file, key] of lists) {
      const rows = csvRows(archive, file);
      const records = json[key] as Array<{ id?: string; seq?: number }>;
      expect(records.length, key).toBeGreaterThan(0);
      expect(rows.length - 1, file).toBe(records.length);
      const idColumn = rows[0]!.indexOf(key === 'auditEvents' ? 'Volgnummer' : 'Id');
      expect(
        rows
          .slice(1)
          .map((r) => r[idColumn])
          .sort(),
      ).toEqual(records.map((r) => String(r.id ?? r.seq)).sort());
    }
    const invoices = csvRows(archive, 'invoices.csv');
    expect(invoices[0]).toEqual(expect.arrayContaining(['Nummer', 'Datum', 'Bedrag', 'Status', 'Betaling']));
    const statusColumn = invoices[0]!.indexOf('Status');
    const words = new Set(invoices.slice(1).map((r) => r[statusColumn]));
    for (const code of ['draft', 'parked', 'confirmed', 'settled', 'refunded']) expect(words.has(code)).toBe(false);
    expect([...words].some((w) => ['Betaald', 'Openstaand', 'Terugbetaald', 'In behandeling', 'Concept'].includes(w!))).toBe(
      true,
    );
  });

  it('lists every note on the requests, the internal ones marked, and makes formula text inert', () => {
    const notes = csvRows(archive, 'request-notes.csv');
    const requests = json.requests as Array<{ notes: unknown[]; internalNotes: unknown[] }>;
    const total = requests.reduce((sum, r) => sum + r.notes.length + r.internalNotes.length, 0);
    expect(notes.length - 1).toBe(total);
    const visibility = notes[0]!.indexOf('Zichtbaarheid');
    expect(notes.slice(1).filter((r) => r[visibility] === 'Interne notitie').length).toBe(
      requests.reduce((sum, r) => sum + r.internalNotes.length, 0),
    );
    const requestRows = csvRows(archive, 'requests.csv');
    const subject = requestRows[0]!.indexOf('Onderwerp');
    expect(requestRows.slice(1).map((r) => r[subject])).toContain('\'=HYPERLINK("http://evil.example","klik")');
    for (const row of requestRows.slice(1)) expect(row[subject]!.startsWith('=')).toBe(false);
  });

  it('renders the overview in Chromium: self-contained, in Dutch, every section, 0 axe violations', async () => {
    const html = archive.get('overzicht.html')!.toString('utf8');
    expect(html).toMatch(/<html lang="nl">/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    const context = await browser().newContext({ offline: true });
    const page = await context.newPage();
    const remote: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('data:') && request.url() !== 'about:blank') remote.push(request.url());
    });
    try {
      // Opened as a file is opened from a ZIP: no server, no base URL.
      await page.setContent(html, { waitUntil: 'load' });
      expect(remote).toEqual([]);
      expect(await page.title()).toBe('Uw gegevens bij Klantportaal');
      expect(await page.locator('h1').textContent()).toBe('Uw gegevens bij Klantportaal');
      const sections = await page.locator('h2').allTextContents();
      for (const title of [
        'Uw portaalaccount',
        'Uw persoonsgegevens',
        'Facturen',
        'Bestellingen',
        'Contracten',
        'Aanvragen en berichten',
        'Documenten',
        'Sessies',
        'Inloggeschiedenis',
        'Logboek van uw account',
      ])
        expect(sections).toContain(title);
      // The hostile note is text on the page, not markup.
      await expect.poll(() => page.getByText('<script>document.title="pwned"</script>', { exact: false }).count()).toBe(1);
      expect(await page.locator('img').count()).toBe(0);
      // Every document is linked relatively, to the file next to the page in the unpacked archive.
      const links = await page
        .locator('section[aria-labelledby="documents"] a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links.length).toBe((json.documents as unknown[]).length);
      for (const href of links) expect(archive.has(href!)).toBe(true);
      expect(await page.locator('table caption').count()).toBe(await page.locator('table').count());
      const invoiceRows = await page.locator('section[aria-labelledby="invoices"] tbody tr').count();
      expect(invoiceRows).toBe((json.invoices as unknown[]).length);
      expect(await page.locator('section[aria-labelledby="person"]').textContent()).toContain('Jan Jansen');
      expect(await page.locator('section[aria-labelledby="signInHistory"]').textContent()).toContain('login.succeeded');
      await expectNoAxeViolations(page);
    } finally {
      await context.close();
    }
  });

  it('is overview.html with English words for an account in English', async () => {
    const english: Account = { ...account, locale: 'en' };
    const other = await exportOf(english);
    expect(other.has('overview.html')).toBe(true);
    expect(other.has('overzicht.html')).toBe(false);
    const html = other.get('overview.html')!.toString('utf8');
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toContain('Sign-in history');
    expect(csvRows(other, 'invoices.csv')[0]).toEqual(expect.arrayContaining(['Number', 'Amount', 'Payment']));
  });
});
