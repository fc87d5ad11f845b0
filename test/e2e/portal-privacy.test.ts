import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES } from '../../domain/tenants/portal-settings.js';
import { useBrowser } from '../browser.js';
import { DEMO_CUSTOMERS } from '../customers.js';
import { useTestGateway } from '../gateway.js';
import { isAddressedTo, linkIn, startSmtpCatcher } from '../smtp.js';
import { expectNoAxeViolations, openPortal, signInThroughForm } from './portal-support.js';

const smtp = await startSmtpCatcher();

/**
 * Issue 14 item 1, in Chromium: a tenant switched PROFILE off, yet the customer still finds
 * Privacy and Security in the menu, asks for a copy of their data and closes their account.
 */
describe('privacy and security with PROFILE switched off', () => {
  const gw = useTestGateway({ SMTP_URL: smtp.url }, { jobs: { processEvery: 150 } });
  const browser = useBrowser();
  afterAll(() => smtp.close());

  beforeAll(async () => {
    const tenant = gw().services.tenants.get('demo')!;
    await gw().services.tenants.savePortal(
      'demo',
      { ...tenant.portal, enabledFeatures: FEATURES.filter((feature) => feature !== 'PROFILE') },
      'staff:test',
      new Date(),
    );
  });

  it('reaches both pages from the menu, requests an export and closes the account', async () => {
    const { email } = DEMO_CUSTOMERS.jan;
    const { context, page } = await openPortal(browser());
    await signInThroughForm(page, gw().url, email);
    const nav = page.locator('nav[aria-label="Hoofdmenu"]');
    expect(await nav.locator('a').allTextContents()).not.toContain('Mijn gegevens');

    await nav.getByRole('link', { name: 'Beveiliging' }).click();
    await expect.poll(() => page.locator('h1').allTextContents()).toEqual(['Beveiliging']);
    expect(new URL(page.url()).pathname).toBe('/portal/security');
    await page.getByRole('button', { name: 'Tweestapsverificatie aanzetten' }).waitFor();
    await expectNoAxeViolations(page);

    await nav.getByRole('link', { name: 'Privacy' }).click();
    await expect.poll(() => page.locator('h1').allTextContents()).toEqual(['Privacy']);
    expect(new URL(page.url()).pathname).toBe('/portal/privacy');
    await page.getByRole('button', { name: 'Kopie van mijn gegevens aanvragen' }).click();
    await expect
      .poll(() => page.locator('[role=status]').allTextContents())
      .toContainEqual(expect.stringContaining('Uw aanvraag is ontvangen.'));
    await expect.poll(() => page.locator('.portal-exports li').count()).toBe(1);
    await expectNoAxeViolations(page);

    // Once the mail is out the export is ready; the open page shows it by itself and offers the download.
    await smtp.waitFor((m) => isAddressedTo(m, email) && /export/i.test(m.subject), 30_000);
    await expect.poll(() => page.locator('.portal-exports li').first().textContent()).toContain('klaar');
    expect(await page.locator('.portal-exports').getByRole('link', { name: 'Downloaden' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Mijn account sluiten' }).click();
    await page.getByRole('button', { name: 'Ja, stuur de bevestigingslink' }).click();
    await expect
      .poll(() => page.locator('[role=status]').allTextContents())
      .toContainEqual(expect.stringContaining('We hebben u een e-mail gestuurd.'));
    await expectNoAxeViolations(page);

    const mail = await smtp.waitFor((m) => isAddressedTo(m, email) && m.subject.includes('Bevestig'), 10_000);
    const link = new URL(linkIn(mail, '/portal/confirm-closure'));
    await page.goto(`${gw().url}${link.pathname}${link.search}`);
    await page.getByRole('button', { name: 'Account definitief sluiten' }).click();
    await expect
      .poll(() => page.locator('[role=status]').allTextContents())
      .toContainEqual('Uw account is gesloten. U ontvangt een bevestiging per e-mail.');
    await context.close();
  });
});
