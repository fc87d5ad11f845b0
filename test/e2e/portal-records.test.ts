import { deflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../browser.js';
import { DEMO_CUSTOMERS, signInCustomer } from '../customers.js';
import { useTestGateway } from '../gateway.js';
import { DEMO_STAFF } from '../staff.js';
import { expectNoAxeViolations, openPortal, signInThroughForm } from './portal-support.js';

/**
 * What the portal shows of Pipelinq's real transaction and contract data (payment state, tax per
 * rate, contract lines), request attachments end to end, and the admin's mail sender settings.
 */

interface TaxLine {
  rate: number | null;
  base: number | null;
  amount: number;
}
interface InvoiceFacts {
  id: string;
  number: string;
  paymentState: string;
  paymentStatus: string | null;
  paymentMethod: string | null;
  refundedAt: string | null;
  tax: number | null;
  taxLines: TaxLine[];
}

/** Intl puts a no-break space between € and the amount; the tests compare plain text. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const money = (amount: number, locale: string) =>
  plain(new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(amount));

/** What a screen reader reads of an element: its text without the parts hidden from it. */
function spoken(locator: Locator): Promise<string> {
  return locator.evaluate((element) => {
    const copy = element.cloneNode(true) as Element;
    copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** A description list as [term, value] pairs, each value as a screen reader reads it. */
async function termsOf(list: Locator): Promise<Array<[string, string]>> {
  const terms = await list.locator('dt').all();
  return Promise.all(
    terms.map(
      async (term) => [await spoken(term), await spoken(term.locator('xpath=following-sibling::dd[1]'))] as [string, string],
    ),
  );
}

/** A minimal valid PDF and a 1×1 PNG, made here so the gateway's content sniffing sees real files. */
function smallPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
      'trailer <</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}
function smallPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 0x21, 0x46, 0x8b]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('Pipelinq records and request attachments in Chromium', () => {
  const gw = useTestGateway();
  const browser = useBrowser();

  async function janInvoices(): Promise<InvoiceFacts[]> {
    const { headers } = await signInCustomer(gw(), 'jan');
    const { body } = await gw().graphql(
      `{ invoices(first: 10) { edges { node { id number paymentState paymentStatus paymentMethod refundedAt tax
         taxLines { rate base amount } } } } }`,
      {},
      headers,
    );
    expect(body.errors).toBeUndefined();
    return (body.data?.invoices as { edges: Array<{ node: InvoiceFacts }> }).edges.map((edge) => edge.node);
  }

  async function openInvoice(page: Page, invoice: InvoiceFacts, title: string) {
    await page.goto(`${gw().url}/portal/invoices/${encodeURIComponent(invoice.id)}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(title);
  }

  it('shows an invoice’s tax per rate and where its payment stands, in Dutch and English, without accessibility violations', async () => {
    const invoices = await janInvoices();
    // The demo's newest invoice awaits payment; an older one was refunded.
    const open = invoices.find((invoice) => invoice.paymentState === 'OPEN' && invoice.taxLines.length)!;
    const refunded = invoices.find((invoice) => invoice.paymentState === 'REFUNDED')!;
    expect(open).toBeDefined();
    expect(refunded?.refundedAt).toBeTruthy();

    const { context, page } = await openPortal(browser());
    await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);

    // The list shows the payment state as a word beside the transaction status.
    await page.goto(`${gw().url}/portal/invoices`);
    await page.locator('table caption').waitFor();
    expect(await page.locator('thead th[scope=col]').allTextContents()).toEqual([
      'Nummer',
      'Datum',
      'Bedrag',
      'Status',
      'Betaling',
    ]);
    const openRow = page.locator('tbody tr', { has: page.getByRole('link', { name: `Factuur ${open.number} openen` }) });
    expect(await spoken(openRow.locator('td').nth(4))).toBe('Nog te betalen');
    await expectNoAxeViolations(page);

    await openInvoice(page, open, `Factuur ${open.number}`);
    // Each rate's label and amount are a term and its value, so assistive technology pairs them.
    const amounts = await termsOf(page.getByTestId('transaction-amounts'));
    for (const line of open.taxLines) {
      expect(amounts).toContainEqual([`Btw ${line.rate}% over ${money(line.base!, 'nl-NL')}`, money(line.amount, 'nl-NL')]);
    }
    expect(amounts).toContainEqual(['Totaal btw', money(open.tax!, 'nl-NL')]);
    expect(amounts.map(([term]) => term)).toContain('Totaal (incl. btw)');
    const payment = Object.fromEntries(await termsOf(page.getByTestId('transaction-payment')));
    expect(payment).toMatchObject({
      Betaling: 'Nog te betalen',
      'Verwerking van de betaling': 'Betaling gestart',
      Betaalwijze: 'iDEAL',
    });
    expect(payment['Terugbetaald op']).toBeUndefined();
    expect(await page.getByRole('heading', { name: 'Regels' }).count()).toBe(1);
    await expectNoAxeViolations(page);

    await openInvoice(page, refunded, `Factuur ${refunded.number}`);
    const refundedPayment = Object.fromEntries(await termsOf(page.getByTestId('transaction-payment')));
    expect(refundedPayment).toMatchObject({ Betaling: 'Terugbetaald', 'Verwerking van de betaling': 'Terugbetaald' });
    expect(refundedPayment['Betaald op']).toMatch(/\d{4}$/);
    expect(refundedPayment['Terugbetaald op']).toMatch(/\d{4}$/);

    // The same invoice in English, through the header's language switcher.
    await page.locator('#portal-language').selectOption('en');
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Invoice ${refunded.number}`);
    const rate = refunded.taxLines[0]!;
    expect(await termsOf(page.getByTestId('transaction-amounts'))).toContainEqual([
      `VAT ${rate.rate}% on ${money(rate.base!, 'en-GB')}`,
      money(rate.amount, 'en-GB'),
    ]);
    expect(Object.fromEntries(await termsOf(page.getByTestId('transaction-payment')))).toMatchObject({
      Payment: 'Refunded',
      'Refunded on': expect.stringMatching(/\d{4}$/),
    });
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('shows an order’s payment state, and a contract’s lines and cancelled status in words', async () => {
    const { headers } = await signInCustomer(gw(), 'jan');
    const { body } = await gw().graphql(
      `{ orders(first: 1) { edges { node { id number paymentState } } }
         contracts(first: 10) { edges { node { id number status lines { description } } } } }`,
      {},
      headers,
    );
    const order = (body.data?.orders as { edges: Array<{ node: { id: string; number: string; paymentState: string } }> })
      .edges[0]!.node;
    const contracts = (
      body.data?.contracts as {
        edges: Array<{ node: { id: string; number: string; status: string; lines: Array<{ description: string }> } }>;
      }
    ).edges.map((edge) => edge.node);
    const cancelled = contracts.find((contract) => contract.status === 'cancelled')!;
    expect(cancelled?.lines.length).toBeGreaterThan(0);

    const { context, page } = await openPortal(browser());
    await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);
    await page.goto(`${gw().url}/portal/orders/${encodeURIComponent(order.id)}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Bestelling ${order.number}`);
    const words: Record<string, string> = {
      OPEN: 'Nog te betalen',
      PAID: 'Betaald',
      FAILED: 'Betaling mislukt',
      REFUNDED: 'Terugbetaald',
    };
    expect(Object.fromEntries(await termsOf(page.getByTestId('transaction-payment'))).Betaling).toBe(words[order.paymentState]);

    await page.goto(`${gw().url}/portal/contracts/${encodeURIComponent(cancelled.id)}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Contract ${cancelled.number}`);
    expect(await termsOf(page.locator('.portal-details'))).toContainEqual(['Status', 'Opgezegd']);
    const table = page.getByRole('table', { name: `Regels van ${cancelled.number}` });
    expect(await table.locator('thead th').allTextContents()).toEqual(['Omschrijving', 'Aantal', 'Waarde per eenheid', 'Totaal']);
    expect(await table.locator('tbody td:first-child').allTextContents()).toEqual(
      cancelled.lines.map((line) => line.description),
    );
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('files a request with a PDF and a PNG and lists both as its documents; a program is refused in Dutch', async () => {
    const { context, page } = await openPortal(browser());
    await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);
    await page.goto(`${gw().url}/portal/requests/new`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Nieuw verzoek');

    // A Windows program, whatever its name claims: refused, with the words from the dictionary.
    await page.locator('#portal-request-subject').fill('Meterstand doorgeven');
    await page.locator('#portal-request-body').fill('Zie de bijlagen.');
    await page.locator('#portal-request-files').setInputFiles([
      {
        name: 'setup.exe',
        mimeType: 'application/octet-stream',
        buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]),
      },
    ]);
    await page.getByRole('button', { name: 'Verzoek versturen' }).click();
    const fileError = page.locator('#portal-request-files-error');
    await fileError.waitFor();
    expect(plain(await fileError.textContent())).toMatch(
      /^(setup\.exe is een programma of script; die kunnen niet worden meegestuurd\.|setup\.exe is geen PDF, afbeelding, Office-document of tekstbestand\.)$/,
    );
    expect(await page.locator('#portal-request-files').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('h1').textContent()).toBe('Nieuw verzoek');
    await expectNoAxeViolations(page);

    await page.locator('#portal-request-files').setInputFiles([
      { name: 'meterstand.pdf', mimeType: 'application/pdf', buffer: smallPdf() },
      { name: 'foto-meter.png', mimeType: 'image/png', buffer: smallPng() },
    ]);
    await page.getByRole('button', { name: 'Verzoek versturen' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Meterstand doorgeven');
    const documents = page.locator('.portal-documents li');
    await expect
      .poll(async () => (await documents.allTextContents()).map(plain).sort())
      .toEqual([expect.stringMatching(/^foto-meter\.png \(/), expect.stringMatching(/^meterstand\.pdf \(/)]);
    expect(await page.getByRole('button', { name: 'meterstand.pdf downloaden' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'foto-meter.png downloaden' }).count()).toBe(1);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('lets an admin set the mail sender, naming a wrong address at its field in Dutch and English', async () => {
    const { context, page } = await openPortal(browser());
    await page.goto(`${gw().url}/portal/admin`);
    await page.locator('#admin-login-name').fill(DEMO_STAFF.admin.loginName);
    await page.locator('#admin-app-password').fill(DEMO_STAFF.admin.appPassword);
    await page.locator('form button[type=submit]').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Huisstijl en instellingen');

    const address = page.locator('#admin-settings-mailSenderAddress');
    await page.locator('#admin-settings-mailSenderName').fill('Klantenservice Demo');
    await address.fill('geen-adres');
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    const addressError = page.locator('#admin-settings-mailSenderAddress-error');
    await addressError.waitFor();
    expect(await addressError.textContent()).toBe('Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.');
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    expect(await address.getAttribute('aria-describedby')).toContain('admin-settings-mailSenderAddress-error');
    expect(await page.locator('#admin-settings-errors').textContent()).toContain('E-mailadres van de afzender');
    // Only the wrong field is named; the name was fine.
    expect(await page.locator('#admin-settings-mailSenderName-error').count()).toBe(0);
    await expectNoAxeViolations(page);

    await page.locator('#portal-language').selectOption('en');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => addressError.textContent()).toBe('Enter a valid email address, such as name@example.com.');
    await page.locator('#portal-language').selectOption('nl');

    await address.fill('Portaal@Demo.example');
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await expect.poll(() => page.locator('#admin-settings-status').textContent()).toContain('De instellingen zijn opgeslagen.');
    // The gateway keeps addresses in lower case; the form shows what was saved.
    expect(await address.inputValue()).toBe('portaal@demo.example');
    expect(await page.locator('#admin-settings-mailSenderName').inputValue()).toBe('Klantenservice Demo');
    const staffToken = await gw().graphql(
      '{ tenantConfig(tenantId: "demo") { mailSenderName mailSenderAddress } }',
      {},
      {
        cookie: (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; '),
        'x-portal-tenant': 'demo',
      },
    );
    expect(staffToken.body.data?.tenantConfig).toEqual({
      mailSenderName: 'Klantenservice Demo',
      mailSenderAddress: 'portaal@demo.example',
    });
    await context.close();
  });
});
