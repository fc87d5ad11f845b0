import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useBrowser } from '../browser.js';
import { useTestGateway } from '../gateway.js';
import { isAddressedTo, startSmtpCatcher } from '../smtp.js';
import { DEMO_STAFF } from '../staff.js';
import { DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMERS } from '../customers.js';
import { expectNoAxeViolations, openPortal, signInThroughForm } from './portal-support.js';

// Invitations go out through a real SMTP peer on loopback, so the test can see them arrive.
const catcher = await startSmtpCatcher();
afterAll(() => catcher.close());

async function signInAdmin(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/portal/admin`);
  await page.locator('#admin-login-name').fill(DEMO_STAFF.admin.loginName);
  await page.locator('#admin-app-password').fill(DEMO_STAFF.admin.appPassword);
  await page.locator('form button[type=submit]').click();
  await expect.poll(() => page.locator('h1').textContent()).toBe('Huisstijl en instellingen');
}

const adminNav = (page: Page) => page.locator('nav[aria-label="Beheermenu"]');

/** Staff ergonomics (issue 15 item 8): invite by searching a name instead of pasting a uuid; the audit trail in words. */
describe('inviting by search, and the audit trail in words, in Chromium', () => {
  const gw = useTestGateway({ SMTP_URL: catcher.url });
  const browser = useBrowser();

  it('finds a person and a company contact by name, invites them, and shows the trail as words', async () => {
    const { context, page } = await openPortal(browser());
    await signInAdmin(page, gw().url);
    await adminNav(page).getByRole('link', { name: 'Accounts' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Accounts');

    // A consumer, found by name and picked with the keyboard.
    const search = page.getByRole('combobox', { name: 'Zoek de klant of contactpersoon' });
    expect(await search.getAttribute('aria-expanded')).toBe('false');
    const sophie = `sophie.${Date.now()}@example.nl`;
    await page.locator('#admin-invite-email').fill(sophie);
    await search.fill('sophie vis');
    const listbox = page.getByRole('listbox', { name: 'Zoek de klant of contactpersoon' });
    await expect.poll(() => listbox.getByRole('option').allTextContents()).toEqual([expect.stringContaining('Sophie Visser')]);
    expect(await search.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => page.locator('#admin-invite-search-status').textContent()).toContain('1 gevonden.');
    await expectNoAxeViolations(page);
    await search.press('ArrowDown');
    expect(await search.getAttribute('aria-activedescendant')).toBe('admin-invite-search-listbox-0');
    expect(await listbox.getByRole('option').first().getAttribute('aria-selected')).toBe('true');
    await search.press('Enter');
    expect(await search.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('admin-invite-picked').textContent()).toContain('Gekozen: Sophie Visser');
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents()).toContain(`De uitnodiging is verstuurd naar ${sophie}.`);
    await catcher.waitFor((m) => isAddressedTo(m, sophie));

    // A company's contact, found through the company name and picked with the mouse; both ids are filled.
    const lisa = `lisa.${Date.now()}@example.nl`;
    await page.locator('#admin-invite-email').fill(lisa);
    await page.locator('#admin-invite-type-B2B').check();
    await page.getByRole('combobox', { name: 'Zoek de klant of contactpersoon' }).fill('Hoveniersbedrijf');
    const options = page.getByRole('listbox').getByRole('option');
    await expect.poll(() => options.count()).toBe(2);
    await options.filter({ hasText: 'Lisa Peters' }).click();
    expect(await page.getByTestId('admin-invite-picked').textContent()).toContain('Lisa Peters');
    // The raw ids stay available under "advanced", filled by the pick.
    await page.getByText('Geavanceerd: id’s zelf invullen').click();
    expect(await page.locator('#admin-invite-clientId').inputValue()).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.locator('#admin-invite-contactId').inputValue()).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await expect.poll(() => page.getByRole('status').allTextContents()).toContain(`De uitnodiging is verstuurd naar ${lisa}.`);
    const row = page.locator('tbody tr', { hasText: lisa });
    await expect.poll(() => row.locator('td').allTextContents()).toEqual(expect.arrayContaining(['Lisa Peters']));
    await expectNoAxeViolations(page);

    // The audit trail says what happened and who did it in words; the raw references stay in the title and details.
    await adminNav(page).getByRole('link', { name: 'Audittrail' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Audittrail');
    const invited = page.locator('tbody tr', { has: page.locator('td[data-column=type]', { hasText: 'Uitgenodigd' }) }).first();
    await invited.waitFor();
    expect(await invited.locator('td[data-column=type]').getAttribute('title')).toBe('account.invited');
    expect(await invited.locator('td[data-column=actor]').textContent()).toBe('admin (beheer)');
    expect(await invited.locator('td[data-column=actor]').getAttribute('title')).toBe('staff:admin');
    const types = await page.locator('tbody td[data-column=type]').allTextContents();
    expect(types.filter((type) => /^[a-z]+\.[a-z-]+$/.test(type))).toEqual([]);
    await invited.getByRole('button', { name: /^Details van gebeurtenis \d+$/ }).click();
    const details = await page.locator('.event-details').textContent();
    expect(details).toContain('account.invited');
    expect(details).toContain('staff:admin');
    expect(await page.locator('#admin-audit-type option[value="account.invited"]').textContent()).toBe('Uitgenodigd');
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('shows a business customer token scopes in words, copies the secret once with a visible status, and keeps an expiry date', async () => {
    const { context, page } = await openPortal(browser());
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: gw().url });
    await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.bakkerij.email);
    await page.goto(`${gw().url}/portal/security`);
    await page.locator('#portal-token-name').waitFor();
    const name = `Boekhouding ${Date.now()}`;
    await page.locator('#portal-token-name').fill(name);
    await page.getByRole('checkbox', { name: 'Facturen lezen' }).check();
    await page.getByRole('checkbox', { name: 'Verzoeken indienen' }).check();
    const inThirtyDays = new Date(Date.now() + 30 * 86_400_000);
    const day = `${inThirtyDays.getFullYear()}-${String(inThirtyDays.getMonth() + 1).padStart(2, '0')}-${String(inThirtyDays.getDate()).padStart(2, '0')}`;
    await page.locator('#portal-token-expires').fill(day);
    await page.locator('#portal-token-password').fill(DEMO_CUSTOMER_PASSWORD);
    await page.getByRole('button', { name: 'Token aanmaken' }).click();

    const secret = (await page.getByTestId('api-token-secret').textContent())!;
    expect(secret).toMatch(/^pat_/);
    await page.getByRole('button', { name: 'Token kopiëren' }).click();
    await expect.poll(() => page.getByTestId('api-token-copy-status').textContent()).toBe('Het token is gekopieerd.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    // The token's name heads its row; the cells follow.
    const row = page.locator('tbody tr', { hasText: name });
    expect(await row.locator('th[scope="row"]').textContent()).toBe(name);
    await expect.poll(() => row.locator('td').nth(0).textContent()).toBe('Facturen lezen, Verzoeken indienen');
    const shown = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium' }).format(inThirtyDays);
    expect(await row.locator('td').nth(3).textContent()).toBe(shown);
    await expectNoAxeViolations(page);
    await context.close();
  });
});
