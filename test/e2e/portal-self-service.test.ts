import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { useBrowser } from '../browser.js';
import { DEMO_CUSTOMERS, signInCustomer } from '../customers.js';
import { useTestGateway } from '../gateway.js';
import { DEMO_STAFF, signInStaff } from '../staff.js';
import { expectNoAxeViolations, openPortal, signInThroughForm } from './portal-support.js';

/**
 * Issue 15 items 2 and 5 as a person meets them: server problems in the session's language (a
 * Dutch session shows no English), the Pay button of an open invoice and the contract
 * cancellation, in Dutch and English, without accessibility violations.
 */

const WORDS = {
  nl: {
    pay: 'Betalen',
    cancel: 'Opzeggen',
    send: 'Opzegging versturen',
    sent: /^Uw opzegging is verstuurd als verzoek REQ-\d{4}-[A-Z0-9]{6}\./,
    subject: 'Opzegging contract',
  },
  en: {
    pay: 'Pay',
    cancel: 'Cancel contract',
    send: 'Send cancellation',
    sent: /^Your cancellation has been sent as request REQ-\d{4}-[A-Z0-9]{6}\./,
    subject: 'Opzegging contract',
  },
} as const;

/** The server's English texts for the problems provoked below: none of them may reach a Dutch screen. */
const SERVER_ENGLISH = [
  'Enter a phone number',
  'The contrast of primary colour',
  'at least 4.5:1 is required',
  'The earliest possible',
];

async function expectNoServerEnglish(page: Page): Promise<void> {
  const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
  for (const english of SERVER_ENGLISH) expect(text).not.toContain(english);
}

/** The header's switcher, signed in: the language of this tab. */
async function useLanguage(page: Page, language: 'nl' | 'en'): Promise<void> {
  await page.locator('#portal-language').selectOption(language);
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
}

describe('self-service in Chromium', () => {
  const gw = useTestGateway();
  const browser = useBrowser();
  let janHeaders: Record<string, string>;

  beforeAll(async () => {
    const admin = await signInStaff(gw(), 'admin', 'demo');
    const saved = await gw().graphql(
      'mutation ($input: TenantConfigInput!) { saveTenantConfig(tenantId: "demo", input: $input) { paymentUrlTemplate } }',
      {
        input: {
          paymentUrlTemplate: 'https://betalen.example.nl/factuur?nr={number}&bedrag={amount}&valuta={currency}',
          contractCancellationCategory: 'Opzegging',
        },
      },
      admin.headers,
    );
    expect(saved.body.errors).toBeUndefined();
    janHeaders = (await signInCustomer(gw(), 'jan')).headers;
  });

  it('a Dutch session shows the server’s problems in Dutch: a bad phone number and a low-contrast colour', async () => {
    const { context, page } = await openPortal(browser());
    await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);
    await page.goto(`${gw().url}/portal/profile`);
    await page.locator('#portal-profile-phone').fill('bel me maar');
    await page.locator('#portal-profile-phone').press('Enter');
    const phoneError = page.locator('#portal-profile-phone-error');
    await phoneError.waitFor();
    expect((await phoneError.innerText()).trim()).toBe('Vul een geldig telefoonnummer in, zoals +31 6 12345678 of 020-1234567.');
    await expectNoServerEnglish(page);
    await expectNoAxeViolations(page);
    await context.close();

    const admin = await openPortal(browser());
    await admin.page.goto(`${gw().url}/portal/admin`);
    await admin.page.locator('#admin-login-name').fill(DEMO_STAFF.admin.loginName);
    await admin.page.locator('#admin-app-password').fill(DEMO_STAFF.admin.appPassword);
    await admin.page.locator('form button[type=submit]').click();
    await expect.poll(() => admin.page.locator('h1').textContent()).toBe('Huisstijl en instellingen');
    await admin.page.locator('#admin-settings-primaryColor').fill('#FF9900');
    await admin.page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    const fieldError = admin.page.locator('#admin-settings-primaryColor-error');
    await fieldError.waitFor();
    // The ratio in Dutch notation, from the problem's parameters.
    expect(await fieldError.innerText()).toContain('Het contrast is 2,14:1; minimaal 4,5:1 is nodig.');
    expect(await admin.page.locator('#admin-settings-errors').innerText()).toContain('Het contrast is 2,14:1');
    await expectNoServerEnglish(admin.page);

    // A payment page on plain http is refused at the field, in Dutch.
    await admin.page.locator('#admin-settings-primaryColor').fill('#21468B');
    await admin.page.locator('#admin-settings-paymentUrlTemplate').fill('http://betalen.example.nl/?nr={number}');
    await admin.page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await expect
      .poll(() => admin.page.locator('#admin-settings-paymentUrlTemplate-error').textContent())
      .toContain('Het betaaladres moet met https:// beginnen.');
    await expectNoAxeViolations(admin.page);
    await admin.context.close();
  });

  for (const language of ['nl', 'en'] as const) {
    it(`shows the Pay button of an open invoice, linking to the tenant’s payment page (${language})`, async () => {
      const { body } = await gw().graphql(
        '{ invoices(first: 100) { edges { node { id number paymentState paymentUrl } } } }',
        undefined,
        janHeaders,
      );
      const nodes = (body.data!.invoices as { edges: Array<{ node: Record<string, string | null> }> }).edges.map((e) => e.node);
      const open = nodes.find((node) => node.paymentState === 'OPEN' && node.paymentUrl)!;
      const paid = nodes.find((node) => node.paymentState === 'PAID')!;
      expect(open.paymentUrl).toBe(
        `https://betalen.example.nl/factuur?nr=${encodeURIComponent(open.number!)}&bedrag=${new URL(open.paymentUrl!).searchParams.get('bedrag')}&valuta=EUR`,
      );

      const { context, page } = await openPortal(browser());
      await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);
      await useLanguage(page, language);
      await page.goto(`${gw().url}/portal/invoices/${encodeURIComponent(open.id!)}`);
      const pay = page.getByRole('link', { name: new RegExp(`^${WORDS[language].pay} \\(`) });
      await pay.waitFor();
      expect(await pay.getAttribute('href')).toBe(open.paymentUrl);
      expect(await pay.getAttribute('target')).toBe('_blank');
      expect(await pay.getAttribute('rel')).toContain('noopener');
      await expectNoAxeViolations(page);

      // A paid invoice offers nothing to pay.
      await page.goto(`${gw().url}/portal/invoices/${encodeURIComponent(paid.id!)}`);
      await page.getByTestId('transaction-payment').waitFor();
      expect(await page.locator('a.portal-button-link', { hasText: WORDS[language].pay }).count()).toBe(0);
      await context.close();
    });

    it(`cancels a contract by filing a request, never changing the contract (${language})`, async () => {
      const { body } = await gw().graphql(
        '{ contracts(first: 100) { edges { node { id number canCancel earliestEndDate } } } }',
        undefined,
        janHeaders,
      );
      const cancellable = (body.data!.contracts as { edges: Array<{ node: Record<string, string | boolean | null> }> }).edges
        .map((e) => e.node)
        .filter((node) => node.canCancel);
      // One contract per language, so the second run does not see the first one's request as its own.
      const contract = cancellable[language === 'nl' ? 0 : 1] ?? cancellable[0]!;
      const stored = gw()
        .simulator.instance('demo')
        .data.objects.find((o: { uuid: string }) => o.uuid === contract.id) as { data: Record<string, unknown> };
      const before = JSON.stringify(stored.data);

      const { context, page } = await openPortal(browser());
      await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);
      await useLanguage(page, language);
      await page.goto(`${gw().url}/portal/contracts/${encodeURIComponent(String(contract.id))}`);
      const open = page.getByRole('button', { name: WORDS[language].cancel, exact: true });
      await open.waitFor();
      await expectNoAxeViolations(page);
      await open.click();
      const date = page.locator('#portal-contract-cancel-date');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('portal-contract-cancel-date');
      expect(await date.inputValue()).toBe(contract.earliestEndDate);
      await expectNoAxeViolations(page);

      if (language === 'nl') {
        // Inside the notice period: refused at the field with the earliest date, in Dutch words.
        await date.fill('2020-01-01');
        await page.getByRole('button', { name: WORDS.nl.send }).click();
        const dateError = page.locator('#portal-contract-cancel-date-error');
        await dateError.waitFor();
        const earliest = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' }).format(
          new Date(`${String(contract.earliestEndDate)}T00:00:00Z`),
        );
        expect((await dateError.innerText()).trim()).toBe(`Kies ${earliest} of later.`);
        await expectNoServerEnglish(page);
        await expectNoAxeViolations(page);
        await date.fill(String(contract.earliestEndDate));
      }
      await page.locator('#portal-contract-cancel-message').fill('Wij verhuizen.');
      await page.getByRole('button', { name: WORDS[language].send }).click();
      const status = page.getByRole('status').filter({ hasText: WORDS[language].sent });
      await status.waitFor();
      await expectNoAxeViolations(page);

      // Upstream: a new request naming the contract; the contract object is untouched.
      const filed = (
        gw().simulator.instance('demo').data.objects as Array<{ schema: number; data: Record<string, unknown> }>
      ).filter(
        (o) =>
          o.schema === DEMO.demo.schemaIds.request && o.data.title === `${WORDS[language].subject} ${String(contract.number)}`,
      );
      expect(filed).toHaveLength(1);
      expect(filed[0]!.data).toMatchObject({ category: 'Opzegging', status: 'new', client: DEMO.demo.janJansen.clientId });
      expect(String(filed[0]!.data.description)).toContain(String(contract.earliestEndDate));
      expect(JSON.stringify(stored.data)).toBe(before);

      await page.getByRole('link', { name: language === 'nl' ? 'Verzoek bekijken' : 'View the request' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toContain(String(contract.number));
      await context.close();
    });
  }
});
