import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../browser.js';
import { DEMO_CUSTOMERS, signInCustomer } from '../customers.js';
import { useTestGateway } from '../gateway.js';
import { signInStaff } from '../staff.js';
import { expectNoAxeViolations, freePort, openPortal, signInThroughForm } from './portal-support.js';

// Download links are absolute (PUBLIC_URL); with a known port they point back at this gateway.
const port = await freePort();

/** A partner's web page on loopback that embeds the portal widget and records what it is told. */
async function startEmbeddingSite(widgetUrl: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const html = `<!doctype html><html lang="en"><title>Partner</title><body>
    <script>window.portalMessages = []; addEventListener('message', (e) => portalMessages.push({ origin: e.origin, data: e.data }));</script>
    <iframe title="Portal" src="${widgetUrl}" width="900" height="700"></iframe></body></html>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://localhost:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A signed-in customer's portal: overview, lists, downloads, profile, and tenant feature switches. */
describe('the customer portal in Chromium', () => {
  const gw = useTestGateway({ PORT: String(port) });
  const browser = useBrowser();

  async function janInvoices(first: number) {
    const { headers } = await signInCustomer(gw(), 'jan');
    const { body } = await gw().graphql(`{ invoices(first: ${first}) { totalCount edges { node { id number } } } }`, {}, headers);
    return body.data?.invoices as { totalCount: number; edges: Array<{ node: { id: string; number: string } }> };
  }

  it('shows Jan his invoices on the overview and pages through the invoice list, without accessibility violations', async () => {
    const invoices = await janInvoices(20);
    const { context, page } = await openPortal(browser());
    await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);
    expect(await page.locator('h1').textContent()).toBe('Welkom, Jan Jansen');
    await expect
      .poll(() => page.getByTestId('invoice-count').textContent())
      .toContain(`U heeft ${invoices.totalCount} facturen.`);
    const newest = invoices.edges[0]!.node.number;
    expect(await page.getByRole('link', { name: `Factuur ${newest} openen` }).count()).toBe(1);
    expect(await page.locator('nav[aria-label="Hoofdmenu"] a').allTextContents()).toEqual([
      'Overzicht',
      'Facturen',
      'Bestellingen',
      'Contracten',
      'Verzoeken',
      'Documenten',
      'Mijn gegevens',
      'Privacy',
      'Beveiliging',
    ]);
    await expectNoAxeViolations(page);

    await page.locator('nav[aria-label="Hoofdmenu"]').getByRole('link', { name: 'Facturen' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Facturen');
    expect(new URL(page.url()).pathname).toBe('/portal/invoices');
    // Focus moves to the new page's content after in-app navigation.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('portal-main-content');
    await page.locator('table caption').waitFor();
    expect(await page.locator('table caption').textContent()).toBe('Uw facturen, nieuwste eerst');
    expect(await page.locator('thead th[scope=col]').count()).toBe(5);
    expect(await page.locator('tbody tr').count()).toBe(10);
    expect(await page.locator('tbody tr a').first().getAttribute('aria-label')).toBe(`Factuur ${newest} openen`);
    expect(await page.locator('.portal-pager [role=status]').textContent()).toBe(`1–10 van ${invoices.totalCount}`);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Volgende pagina' }).click();
    await expect.poll(() => page.locator('.portal-pager [role=status]').textContent()).toBe(`11–20 van ${invoices.totalCount}`);
    await expect.poll(() => page.locator('tbody tr a').first().textContent()).toBe(invoices.edges[10]!.node.number);
    await page.getByRole('button', { name: 'Vorige pagina' }).click();
    await expect.poll(() => page.locator('tbody tr a').first().textContent()).toBe(newest);

    // Filtering by status asks the API and shows only that status.
    await page.locator('#portal-invoices-status').selectOption('settled');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await expect
      .poll(async () => new Set(await page.locator('tbody tr td:nth-child(4)').allTextContents()))
      .toEqual(new Set(['Betaald']));
    await context.close();
  });

  it('downloads an invoice’s PDF through a signed link', async () => {
    const invoices = await janInvoices(1);
    const invoice = invoices.edges[0]!.node;
    const { context, page } = await openPortal(browser(), { acceptDownloads: true });
    await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);
    await page.getByRole('link', { name: `Factuur ${invoice.number} openen` }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Factuur ${invoice.number}`);
    const button = page.getByRole('button', { name: `factuur-${invoice.number}.pdf downloaden` });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.url()).toMatch(new RegExp(`^${gw().url}/portal/downloads/`));
    expect(download.suggestedFilename()).toBe(`factuur-${invoice.number}.pdf`);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const response = await fetch(download.url());
    expect(response.headers.get('content-type')).toBe('application/pdf');
    await context.close();
  });

  it('saves profile changes', async () => {
    const { context, page } = await openPortal(browser());
    await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);
    await page.locator('nav[aria-label="Hoofdmenu"]').getByRole('link', { name: 'Mijn gegevens' }).click();
    const phone = page.locator('#portal-profile-phone');
    await phone.waitFor();
    await phone.fill('+31 6 87654321');
    await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
    await expect.poll(() => page.locator('[role=status]').first().textContent()).toBe('Uw gegevens zijn opgeslagen.');
    // The API has it (it writes through to Nextcloud), and a fresh page load shows it.
    const { headers } = await signInCustomer(gw(), 'jan');
    const { body } = await gw().graphql('{ profile { phone } }', {}, headers);
    expect(body.data?.profile).toEqual({ phone: '+31 6 87654321' });
    await page.reload();
    await expect.poll(() => page.locator('#portal-profile-phone').inputValue()).toBe('+31 6 87654321');

    // A phone number the API refuses is reported at the field.
    await page.locator('#portal-profile-phone').fill('abc');
    await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
    await page.locator('#portal-profile-phone-error').waitFor();
    expect(await page.locator('#portal-profile-phone').getAttribute('aria-invalid')).toBe('true');
    await context.close();
  });

  it('shows a B2B customer their organisation and (on Security) the API tokens section, in the account’s language', async () => {
    const { headers } = await signInCustomer(gw(), 'bakkerij');
    const { body } = await gw().graphql('{ profile { organisation { name } } }', {}, headers);
    const organisation = (body.data?.profile as { organisation: { name: string } }).organisation.name;
    expect(organisation).toBeTruthy();

    // An English browser, but the account's language is Dutch: signing in switches to it.
    const { context, page } = await openPortal(browser(), { locale: 'en-US' });
    await page.goto(`${gw().url}/portal/`);
    await expect.poll(() => page.locator('h1').allTextContents()).toEqual(['Sign in']);
    await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.bakkerij.email);
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    await page.goto(`${gw().url}/portal/profile`);
    await expect.poll(() => page.getByTestId('organisation-name').textContent()).toBe(organisation);
    expect(await page.getByText('Zakelijk account').count()).toBe(1);
    // A business account has no address of its own (Pipelinq contacts have none): no field for it.
    expect(await page.locator('#portal-profile-address').count()).toBe(0);
    // Partner tokens are about signing in: the Security page holds them.
    await page.locator('nav[aria-label="Hoofdmenu"]').getByRole('link', { name: 'Beveiliging' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'API-tokens voor koppelingen' }).count()).toBe(1);
    await context.close();
  });

  it('files a new request with a category, then shows it with its messages and takes a reply', async () => {
    const { context, page } = await openPortal(browser());
    await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);
    await page.locator('nav[aria-label="Hoofdmenu"]').getByRole('link', { name: 'Verzoeken' }).click();
    await page.getByRole('link', { name: 'Nieuw verzoek' }).click();
    await expect.poll(() => page.locator('h1').allTextContents()).toEqual(['Nieuw verzoek']);
    // Empty required fields are named at the fields.
    await page.getByRole('button', { name: 'Verzoek versturen' }).click();
    expect(await page.locator('#portal-request-subject-error').textContent()).toBe('Onderwerp is verplicht.');
    expect(await page.locator('#portal-request-subject').getAttribute('aria-describedby')).toBe('portal-request-subject-error');

    // Tenant demo keeps no category catalogue (Pipelinq's requestCategory is optional): free text.
    expect(await page.locator('#portal-request-category').evaluate((field) => field.tagName)).toBe('INPUT');
    await page.locator('#portal-request-subject').fill('Radiator lekt');
    await page.locator('#portal-request-category').fill('Storing');
    await page.locator('#portal-request-body').fill('De radiator in de woonkamer lekt sinds gisteren.');
    await page.getByRole('button', { name: 'Verzoek versturen' }).click();
    await expect.poll(() => page.locator('h1').allTextContents()).toEqual(['Radiator lekt']);
    expect(await page.getByRole('status').first().textContent()).toBe('Uw verzoek is verstuurd.');
    expect(await page.locator('.portal-details').textContent()).toContain('Storing');
    await expectNoAxeViolations(page);

    await page.locator('#portal-reply').fill('Het lekt nu ook bij de keuken.');
    await page.getByRole('button', { name: 'Reactie versturen' }).click();
    await expect
      .poll(() => page.locator('.portal-notes li').allTextContents())
      .toContainEqual(expect.stringContaining('Het lekt nu ook bij de keuken.'));
    await context.close();
  });

  it('hides a part the tenant switched off, and says it is not available when opened directly', async () => {
    const staff = await signInStaff(gw(), 'admin', 'other');
    const saved = await gw().graphql(
      'mutation ($input: TenantConfigInput!) { saveTenantConfig(tenantId: "other", input: $input) { enabledFeatures } }',
      { input: { enabledFeatures: ['INVOICES', 'CONTRACTS', 'REQUESTS', 'DOCUMENTS', 'PROFILE'] } },
      staff.headers,
    );
    expect(saved.body.errors).toBeUndefined();

    const { context, page } = await openPortal(browser());
    await page.goto(`${gw().url}/portal/?tenant=other`);
    await page.locator('#portal-email').fill(DEMO_CUSTOMERS.piet.email);
    await page.locator('#portal-password').fill('Portaal-Demo-2026!');
    await page.locator('form button[type=submit]').click();
    const nav = page.locator('nav[aria-label="Hoofdmenu"]');
    await nav.waitFor();
    expect(await nav.locator('a').allTextContents()).not.toContain('Bestellingen');
    expect(await nav.locator('a').allTextContents()).toContain('Facturen');
    await page.goto(`${gw().url}/portal/orders?tenant=other`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Niet beschikbaar');
    await context.close();
  });

  it('says the records system is unreachable, and the retry shows the list once it is back', async () => {
    const { context, page } = await openPortal(browser());
    await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);
    // The gateway's answer while Nextcloud is down (as resolvers/portal-data/faults.test.ts sees
    // it), given once; the simulator's own outage would also open the connector's circuit breaker
    // for ten seconds, which is not what this page test is about.
    let outages = 0;
    await page.route('**/graphql*', async (route) => {
      // The web app sends a trusted document's hash, not its text: the operation is known by name.
      const body = route.request().postDataJSON() as { operationName?: string } | null;
      if (outages === 0 && body?.operationName === 'Contracts') {
        outages += 1;
        await route.fulfill({
          contentType: 'application/json',
          body: JSON.stringify({
            errors: [
              {
                message: 'The records system is not reachable right now. Please try again shortly.',
                path: ['contracts'],
                extensions: { code: 'UPSTREAM_UNAVAILABLE' },
              },
            ],
            data: { contracts: null },
          }),
        });
      } else await route.continue();
    });
    await page.locator('nav[aria-label="Hoofdmenu"]').getByRole('link', { name: 'Contracten' }).click();
    await expect
      .poll(async () => (await page.locator('[role=alert]').allTextContents()).join(' '))
      .toContain('De klantadministratie is even niet bereikbaar.');
    await page.getByRole('button', { name: 'Opnieuw proberen' }).click();
    await expect.poll(() => page.locator('table caption').allTextContents()).toEqual(['Uw contracten, nieuwste eerst']);
    expect(outages).toBe(1);
    await context.close();
  });

  it('runs compact inside the widget frame, marks its API calls as embedded and keeps the widget address', async () => {
    // The embedding site: a real page on loopback (Chromium refuses a public page framing a local one).
    const site = await startEmbeddingSite(`${gw().url}/portal/widget?tenant=demo`);
    try {
      const staff = await signInStaff(gw(), 'admin', 'demo');
      const saved = await gw().graphql(
        'mutation ($input: TenantConfigInput!) { saveTenantConfig(tenantId: "demo", input: $input) { widgetEnabled } }',
        { input: { widgetEnabled: true, widgetAllowedOrigins: [site.origin] } },
        staff.headers,
      );
      expect(saved.body.errors).toBeUndefined();

      const { context, page } = await openPortal(browser());
      const embeddedHeaders: Array<string | undefined> = [];
      page.on('request', (request) => {
        if (request.url().includes('/graphql')) embeddedHeaders.push(request.headers()['x-portal-embedded']);
      });
      await page.goto(`${site.origin}/shop`);
      const frame = page.frameLocator('iframe');
      await frame.locator('#portal-email').waitFor();
      expect(await frame.locator('.portal-app.compact').count()).toBe(1);
      await frame.locator('#portal-email').fill(DEMO_CUSTOMERS.jan.email);
      await frame.locator('#portal-password').fill('Portaal-Demo-2026!');
      await frame.locator('form button[type=submit]').click();
      await expect.poll(() => frame.locator('h1').allTextContents()).toEqual(['Welkom, Jan Jansen']);
      await frame.locator('nav[aria-label="Hoofdmenu"]').getByRole('link', { name: 'Facturen' }).click();
      await expect.poll(() => frame.locator('h1').allTextContents()).toEqual(['Facturen']);
      const frameUrl = new URL(
        page
          .frames()
          .find((f) => f !== page.mainFrame())!
          .url(),
      );
      expect(frameUrl.pathname).toBe('/portal/widget');
      expect(Object.fromEntries(frameUrl.searchParams)).toEqual({ tenant: 'demo', view: '/invoices' });
      expect(embeddedHeaders.length).toBeGreaterThan(0);
      expect(new Set(embeddedHeaders)).toEqual(new Set(['1']));
      // Height reports reach the parent, from the portal's origin (posted by the server's page).
      const messages = (await page.evaluate('window.portalMessages')) as Array<{ origin: string; data: { type: string } }>;
      expect(messages.some((m) => m.data?.type === 'portal:resize')).toBe(true);
      expect(new Set(messages.map((m) => m.origin))).toEqual(new Set([gw().url]));
      await context.close();
    } finally {
      await site.close();
    }
  });
});
