import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { useBrowser } from '../browser.js';
import { useTestGateway } from '../gateway.js';
import { isAddressedTo, startSmtpCatcher } from '../smtp.js';
import { DEMO_STAFF } from '../staff.js';
import { expectNoAxeViolations, openPortal } from './portal-support.js';

// Invitations go out through a real SMTP peer on loopback, so the test can see them arrive.
const catcher = await startSmtpCatcher();
afterAll(() => catcher.close());

/** Signs a demo staff member in through the admin panel's form and waits for the first page. */
async function signInStaffThroughForm(page: Page, baseUrl: string, who: keyof typeof DEMO_STAFF, landing: string) {
  await page.goto(`${baseUrl}/portal/admin`);
  await page.locator('#admin-login-name').fill(DEMO_STAFF[who].loginName);
  await page.locator('#admin-app-password').fill(DEMO_STAFF[who].appPassword);
  await page.locator('form button[type=submit]').click();
  await expect.poll(() => page.locator('h1').textContent()).toBe(landing);
}

const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const adminNav = (page: Page) => page.locator('nav[aria-label="Beheermenu"]');
const headerColour = (page: Page) => page.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor);

/** The admin panel at /portal/admin: staff sign-in, settings, accounts, audit trail, cleanup; Dutch, axe-clean. */
describe('the admin panel in Chromium', () => {
  const gw = useTestGateway({ SMTP_URL: catcher.url });
  const browser = useBrowser();

  it('signs an admin in with an app password, refuses a low-contrast colour with its ratio, and brands the portal with a saved one', async () => {
    const { context, page } = await openPortal(browser());
    await page.goto(`${gw().url}/portal/admin`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Inloggen voor beheer');
    expect(await page.locator('#admin-app-password-hint').textContent()).toContain('Instellingen → Beveiliging');
    await expectNoAxeViolations(page);

    // A wrong app password: said in an alert that both inputs reference.
    await page.locator('#admin-login-name').fill('admin');
    await page.locator('#admin-app-password').fill('not-the-app-password');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const error = page.locator('#admin-login-error');
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toContain('Inlognaam of app-wachtwoord is onjuist.');
    expect(await page.locator('#admin-app-password').getAttribute('aria-describedby')).toContain('admin-login-error');
    await expectNoAxeViolations(page);

    // After signing in, the HttpOnly staff cookie alone authenticates the panel's calls.
    const graphqlHeaders: Array<Record<string, string>> = [];
    page.on('request', (request) => {
      if (request.url().includes('/graphql')) void request.allHeaders().then((headers) => graphqlHeaders.push(headers));
    });
    await page.locator('#admin-app-password').fill(DEMO_STAFF.admin.appPassword);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Huisstijl en instellingen');
    expect(new URL(page.url()).pathname).toBe('/portal/admin/settings');
    const staffCookie = (await context.cookies()).find((cookie) => cookie.name === 'portal_staff');
    expect(staffCookie?.httpOnly).toBe(true);
    await expect.poll(() => graphqlHeaders.length).toBeGreaterThanOrEqual(3);
    const afterSignIn = graphqlHeaders.slice(-1)[0]!;
    expect(afterSignIn.cookie).toContain(`portal_staff=${staffCookie!.value}`);
    expect(afterSignIn.authorization).toBeUndefined();

    expect(await adminNav(page).locator('a').allTextContents()).toEqual([
      'Huisstijl en instellingen',
      'Accounts',
      'Audittrail',
      'Opschonen',
    ]);
    expect(await page.locator('header').textContent()).toContain('Ingelogd als admin (beheerder)');
    expect(await page.getByTestId('admin-settings-saved-by').textContent()).toContain('standaardinstellingen');
    expect(await page.locator('#admin-settings-widgetSnippet').inputValue()).toMatch(
      /^<iframe src="http:\/\/[^"]+\/portal\/widget\?tenant=demo"/,
    );
    await expectNoAxeViolations(page);

    // Yellow on white: the live feedback shows the ratio, and the gateway refuses it with ratio and minimum.
    await page.locator('#admin-settings-primaryColor').fill('#FFFF00');
    await expect.poll(() => page.locator('.ratios li').first().textContent()).toContain('1,07:1');
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    const summary = page.locator('#admin-settings-errors');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Het contrast is 1,07:1, terwijl minimaal 4,5:1 nodig is');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('admin-settings-errors');
    expect(await page.locator('#admin-settings-primaryColor').getAttribute('aria-invalid')).toBe('true');
    // The field says it in Dutch too, from the problem's code and ratio (not the gateway's English).
    expect(await page.locator('#admin-settings-primaryColor-error').textContent()).toContain('Het contrast is 1,07:1');

    // A dark red passes, saved together with a logo; the panel takes both on at once, and so does the customer portal.
    await page.locator('#admin-settings-primaryColor').fill('#8B2146');
    await page.locator('#admin-settings-logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
    await page.locator('img[alt="Logo (voorbeeld)"]').waitFor();
    await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
    await expect.poll(() => page.locator('#admin-settings-status').textContent()).toContain('De instellingen zijn opgeslagen.');
    expect(await page.getByTestId('admin-settings-saved-by').textContent()).toMatch(/^\s*Laatst opgeslagen door admin op /);
    await expect.poll(() => headerColour(page)).toBe('rgb(139, 33, 70)');
    expect(await page.locator('header img').getAttribute('src')).toMatch(/\/portal\/assets\/demo\/logo\/[0-9a-f]{64}$/);
    await expectNoAxeViolations(page);

    const customer = await openPortal(browser());
    await customer.page.goto(`${gw().url}/portal/`);
    await expect.poll(() => customer.page.locator('h1').textContent()).toBe('Inloggen');
    expect(await headerColour(customer.page)).toBe('rgb(139, 33, 70)');
    expect(await customer.page.locator('header img').count()).toBe(1);
    await customer.context.close();
    await context.close();
  });

  it('lets an admin invite a client, whose mail arrives, block the new account after a confirmation, and preview the cleanup', async () => {
    const { context, page } = await openPortal(browser());
    await signInStaffThroughForm(page, gw().url, 'admin', 'Huisstijl en instellingen');
    await adminNav(page).getByRole('link', { name: 'Accounts' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Accounts');
    await page.locator('table caption').waitFor();
    expect(await page.locator('table caption').textContent()).toBe('Portaalaccounts, nieuwste eerst');
    expect(await page.locator('thead th[scope=col]').allTextContents()).toEqual([
      'E-mailadres',
      'Soort',
      'Status',
      'Laatst ingelogd',
      'Aangemaakt',
      'Naam (Nextcloud)',
      'Acties',
    ]);
    await expectNoAxeViolations(page);

    const email = `sophie.${Date.now()}@example.nl`;
    await page.locator('#admin-invite-email').fill(email);
    // Pasting a raw id is still possible, under "advanced" (searching is test/e2e/admin-invite-search.test.ts).
    await page.getByText('Geavanceerd: id’s zelf invullen').click();
    await page.locator('#admin-invite-clientId').fill(DEMO.demo.noAccount.sophieVisser.clientId);
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents()).toContain(`De uitnodiging is verstuurd naar ${email}.`);
    const mail = await catcher.waitFor((m) => isAddressedTo(m, email));
    expect(mail.text).toContain('/portal/activate');

    await page.locator('#admin-accounts-email').fill('sophie.');
    await page.getByRole('button', { name: 'Filteren' }).click();
    const row = page.locator('tbody tr', { hasText: email });
    await expect
      .poll(() => row.locator('td').allTextContents())
      .toEqual(expect.arrayContaining(['B2C', 'Uitgenodigd', 'Nooit', 'Sophie Visser']));

    await row.getByRole('button', { name: `${email} blokkeren` }).click();
    const dialog = page.getByRole('dialog', { name: `${email} blokkeren?` });
    await dialog.waitFor();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'Blokkeren' }).click();
    await expect.poll(() => page.locator('#admin-accounts-outcome').textContent()).toContain(`${email} is geblokkeerd.`);
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('Geblokkeerd');
    expect(await dialog.isVisible()).toBe(false);

    // The retention cleanup: a dry run first, shown as totals and per account.
    await adminNav(page).getByRole('link', { name: 'Opschonen' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Opschonen');
    await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
    await expect.poll(() => page.locator('#admin-cleanup-report').textContent()).toMatch(/^Voorbeeld van /);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('shows a DPO only the audit trail: filter, details, an intact chain and a CSV export; settings stay closed', async () => {
    const { context, page } = await openPortal(browser(), { acceptDownloads: true });
    await signInStaffThroughForm(page, gw().url, 'dpo', 'Audittrail');
    expect(new URL(page.url()).pathname).toBe('/portal/admin/audit');
    expect(await adminNav(page).locator('a').allTextContents()).toEqual(['Audittrail']);
    await page.locator('table caption').waitFor();
    await expectNoAxeViolations(page);

    await page.locator('#admin-audit-type').selectOption('staff.signed-in');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await expect
      .poll(async () => [...new Set(await page.locator('tbody td[data-column=type]').allTextContents())])
      .toEqual(['Beheerder ingelogd']);

    await page
      .locator('tbody tr')
      .first()
      .getByRole('button', { name: /^Details van gebeurtenis \d+$/ })
      .click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('admin-audit-details-heading');
    expect(await page.locator('.event-details').textContent()).toContain('staff:');

    await page.getByRole('button', { name: 'Keten controleren' }).click();
    await expect
      .poll(() => page.getByTestId('admin-verify-result').textContent())
      .toMatch(/De audittrail is intact: \d+ gebeurtenissen/);
    await expectNoAxeViolations(page);

    const link = page.getByRole('link', { name: 'Downloaden als CSV' });
    expect(await link.getAttribute('href')).toBe(
      '/portal/api/admin/audit-events?tenantId=demo&format=csv&eventType=staff.signed-in',
    );
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const csv = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
    expect(csv[0]).toMatch(/^id,tenantId,seq,occurredAt,type,outcome,/);
    expect(csv.length).toBeGreaterThan(1);
    expect(csv.slice(1).every((line) => line.includes(',staff.signed-in,'))).toBe(true);

    // Settings are not the DPO's: not in the menu, and the address itself says so.
    await page.goto(`${gw().url}/portal/admin/settings`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Geen toegang');
    expect(await adminNav(page).locator('a').allTextContents()).toEqual(['Audittrail']);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Inloggen voor beheer');
    expect(await adminNav(page).count()).toBe(0);
    await context.close();
  });
});
