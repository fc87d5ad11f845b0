import { describe, expect, it } from 'vitest';
import { useBrowser } from '../browser.js';
import { DEMO_CUSTOMERS } from '../customers.js';
import { useTestGateway } from '../gateway.js';
import { expectNoAxeViolations, openPortal } from './portal-support.js';

/** The public face of the portal: branding, the sign-in and reset forms, keyboard and axe. */
describe('the portal before signing in, in Chromium', () => {
  const gw = useTestGateway();
  const browser = useBrowser();

  it('shows the sign-in page in the tenant’s branding and language, without accessibility violations', async () => {
    const { context, page } = await openPortal(browser());
    const failedRequests: string[] = [];
    page.on('requestfailed', (request) => failedRequests.push(request.url()));
    await page.goto(`${gw().url}/portal/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Inloggen');
    expect(await page.title()).toBe('Klantportaal');
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    const headerColour = await page.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(headerColour).toBe('rgb(33, 70, 139)');
    expect(await page.locator('.portal-app').count()).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
    // Signed out there is nothing to navigate to, but help is always there.
    expect(await page.locator('nav[aria-label="Hoofdmenu"]').count()).toBe(0);
    await expect.poll(() => page.locator('footer').textContent()).toContain('Hulp nodig?');

    const email = page.locator('#portal-email');
    expect(await email.getAttribute('type')).toBe('email');
    expect(await email.getAttribute('autocomplete')).toBe('email');
    expect(await page.locator('label[for="portal-email"]').textContent()).toBe('E-mailadres');
    const password = page.locator('#portal-password');
    expect(await password.getAttribute('type')).toBe('password');
    expect(await password.getAttribute('autocomplete')).toBe('current-password');
    expect(await page.locator('label[for="portal-password"]').textContent()).toBe('Wachtwoord');
    await expectNoAxeViolations(page);
    expect(failedRequests).toEqual([]);
    await context.close();
  });

  it('says a wrong password in an alert that the inputs reference, and follows the browser language', async () => {
    const { context, page } = await openPortal(browser(), { locale: 'en-GB' });
    await page.goto(`${gw().url}/portal/sign-in`);
    await page.locator('#portal-email').fill(DEMO_CUSTOMERS.jan.email);
    await page.locator('#portal-password').fill('not-the-password');
    await page.getByRole('button', { name: /sign in/i }).click();
    const error = page.locator('#portal-login-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toContain('The email address or password is not correct.');
    expect(await page.locator('#portal-email').getAttribute('aria-describedby')).toBe('portal-login-error');
    expect(await page.locator('#portal-password').getAttribute('aria-describedby')).toBe('portal-login-error');
    await expectNoAxeViolations(page);

    // The switcher changes the language at once.
    await page.locator('#portal-language').selectOption('nl');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Inloggen');
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    await context.close();
  });

  it('lets keyboard users skip to the content', async () => {
    const { context, page } = await openPortal(browser());
    await page.goto(`${gw().url}/portal/`);
    await page.locator('#portal-email').waitFor();
    const skip = page.locator('.portal-skip-link');
    expect(await skip.getAttribute('href')).toBe('#portal-main-content');
    expect(await page.locator('#portal-main-content').getAttribute('tabindex')).toBe('-1');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('portal-skip-link');
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('portal-main-content');
    // The next Tab goes into the page's content, not back to the header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('portal-email');
    await context.close();
  });

  it('has an accessible password reset request page', async () => {
    const { context, page } = await openPortal(browser(), { locale: 'en-US' });
    await page.goto(`${gw().url}/portal/password-reset`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Forgot your password');
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('label[for="portal-reset-email"]').textContent()).toBe('Email address');
    await page.locator('#portal-reset-email').fill('nobody@example.org');
    await page.getByRole('button', { name: /send reset link/i }).click();
    // The answer is the same whether or not the address has an account.
    await expect.poll(() => page.locator('[role=status]').textContent()).toContain('If nobody@example.org belongs to an account');
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('shows the other tenant when opened with ?tenant=other, and a 404 for an unknown tenant', async () => {
    const { context, page } = await openPortal(browser());
    await page.goto(`${gw().url}/portal/?tenant=other`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Inloggen');
    // Links keep the tenant.
    expect(await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).getAttribute('href')).toBe(
      '/portal/password-reset?tenant=other',
    );
    const response = await page.goto(`${gw().url}/portal/?tenant=nope`);
    expect(response?.status()).toBe(404);
    await context.close();
  });

  it('answers unknown portal pages with the app’s own not-found page', async () => {
    const { context, page } = await openPortal(browser());
    await page.goto(`${gw().url}/portal/no-such-page`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Pagina niet gevonden');
    await context.close();
  });

  it('asks for a deliberate click before closing an account, and says when the link is no good', async () => {
    const { context, page } = await openPortal(browser());
    await page.goto(`${gw().url}/portal/confirm-closure?token=not-a-real-token`);
    await expect.poll(() => page.locator('h1').allTextContents()).toEqual(['Account sluiten']);
    await page.getByRole('button', { name: 'Account definitief sluiten' }).click();
    await expect
      .poll(async () => (await page.locator('[role=alert]').allTextContents()).join(''))
      .toContain('Deze link is ongeldig of al gebruikt.');
    await context.close();
  });
});
