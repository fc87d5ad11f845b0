import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../browser.js';
import { DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMERS, signInCustomer } from '../customers.js';
import { useTestGateway } from '../gateway.js';
import { expectNoAxeViolations, openPortal, signInThroughForm } from './portal-support.js';

/**
 * Issue 15 items 1, 6 and 7 in Chromium on a phone (390×844): lists as cards that fit, a compact
 * menu, no layout shift signed in, filters in the address, focus after sign-in, and a light
 * first page.
 */
const PHONE = { width: 390, height: 844 };

const LANGUAGES = [
  { locale: 'nl-NL', menu: 'Hoofdmenu', lists: ['Facturen', 'Bestellingen', 'Contracten', 'Verzoeken', 'Documenten'] },
  { locale: 'en-GB', menu: 'Main menu', lists: ['Invoices', 'Orders', 'Contracts', 'Requests', 'Documents'] },
] as const;

/** Sums layout shifts not caused by input (the CLS of one page load), from the page's own observer. */
const RECORD_LAYOUT_SHIFTS = `
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
`;

async function openPhone(browser: ReturnType<ReturnType<typeof useBrowser>>, locale: string) {
  const opened = await openPortal(browser, { locale });
  await opened.page.setViewportSize(PHONE);
  return opened;
}

/** Every cell, link and button of every row, with where it is on screen; and whether the page scrolls sideways. */
function rowLayout(page: Page) {
  return page.evaluate(() => {
    const outside: string[] = [];
    const rows = Array.from(document.querySelectorAll('main table tbody tr'));
    for (const [index, row] of rows.entries()) {
      for (const element of Array.from(row.querySelectorAll('td, a, button'))) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.left < 0 || box.right > window.innerWidth)
          outside.push(
            `row ${index} ${element.tagName} "${element.textContent?.trim()}" ${Math.round(box.left)}..${Math.round(box.right)}`,
          );
      }
    }
    return {
      rows: rows.length,
      cells: rows.flatMap((row) => Array.from(row.querySelectorAll('td')).map((td) => td.getAttribute('data-label') ?? '')),
      outside,
      scrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
    };
  });
}

describe('the portal on a phone, in Chromium', () => {
  const gw = useTestGateway();
  const browser = useBrowser();

  for (const language of LANGUAGES) {
    it(`shows every list as cards that fit the screen, with a compact menu (${language.locale})`, async () => {
      const { context, page } = await openPhone(browser(), language.locale);
      await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);
      // Signing in applies the account's language (Dutch); the switcher picks this test's.
      await page.locator('#portal-language').selectOption(language.locale.slice(0, 2));
      const nav = page.locator(`nav[aria-label="${language.menu}"]`);
      const toggle = nav.locator('button[aria-expanded]');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await nav.locator('ul').isVisible()).toBe(false);

      for (const list of language.lists) {
        await toggle.click();
        expect(await toggle.getAttribute('aria-expanded')).toBe('true');
        await nav.getByRole('link', { name: list, exact: true }).click();
        await expect.poll(() => page.locator('h1').textContent()).toBe(list);
        // The menu folds again after choosing a page.
        expect(await toggle.getAttribute('aria-expanded')).toBe('false');
        await page.locator('main table tbody tr').first().waitFor();
        const layout = await rowLayout(page);
        expect(layout.rows, list).toBeGreaterThan(0);
        expect(layout.outside, list).toEqual([]);
        expect(layout.scrollsSideways, list).toBe(false);
        // Each value is labelled with its column's name in the card.
        expect(
          layout.cells.every((label) => label.length > 0),
          list,
        ).toBe(true);
        await expectNoAxeViolations(page);
      }
      await context.close();
    });
  }

  it('shows a business customer’s API tokens as cards that fit the screen', async () => {
    const { headers } = await signInCustomer(gw(), 'bakkerij');
    const created = await gw().graphql(
      'mutation ($input: ApiTokenInput!) { createApiToken(input: $input) { token { id } } }',
      {
        input: {
          name: 'Boekhouding (koppeling met het ERP-systeem)',
          scopes: ['READ_INVOICES', 'READ_CONTRACTS', 'READ_ORDERS'],
          password: DEMO_CUSTOMER_PASSWORD,
        },
      },
      headers,
    );
    expect(created.body.errors).toBeUndefined();

    const { context, page } = await openPhone(browser(), 'nl-NL');
    await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.bakkerij.email);
    await page.goto(`${gw().url}/portal/security`);
    await page
      .getByRole('button', { name: /intrekken/i })
      .first()
      .waitFor();
    const layout = await rowLayout(page);
    expect(layout.rows).toBeGreaterThan(0);
    expect(layout.outside).toEqual([]);
    expect(layout.scrollsSideways).toBe(false);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('opens and closes the compact menu by keyboard, and Escape returns focus to its button', async () => {
    const { context, page } = await openPhone(browser(), 'nl-NL');
    await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);
    const toggle = page.locator('nav[aria-label="Hoofdmenu"] button[aria-expanded]');
    expect(await toggle.textContent()).toContain('Menu');
    expect(await toggle.getAttribute('aria-controls')).toBe(
      await page.locator('nav[aria-label="Hoofdmenu"] ul').getAttribute('id'),
    );
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.locator('nav[aria-label="Hoofdmenu"] ul').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe('false');
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // Tab into the list: the first item is the overview, the next one Facturen.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Facturen');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Facturen');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('keeps the signed-in layout still while a page loads (CLS ≤ 0.05)', async () => {
    const { context, page } = await openPhone(browser(), 'nl-NL');
    await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);
    await context.addInitScript(RECORD_LAYOUT_SHIFTS);
    for (const path of ['/portal/', '/portal/invoices', '/portal/documents']) {
      await page.goto(`${gw().url}${path}`);
      await page.locator('main h1').waitFor();
      await page.locator('main table, main .portal-empty').first().waitFor();
      // Late images and fonts would shift after the content; give them a moment to do so.
      await page.waitForTimeout(500);
      const shift = await page.evaluate(() => (window as unknown as { __layoutShift: number }).__layoutShift);
      expect(shift, path).toBeLessThanOrEqual(0.05);
    }
    await context.close();
  });

  it('moves focus to the page heading after signing in', async () => {
    const { context, page } = await openPhone(browser(), 'nl-NL');
    await page.goto(`${gw().url}/portal/invoices`);
    await page.locator('#portal-email').fill(DEMO_CUSTOMERS.jan.email);
    await page.locator('#portal-password').fill('Portaal-Demo-2026!');
    await page.locator('form button[type=submit]').click();
    await expect
      .poll(() => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent}`))
      .toBe('H1 Facturen');
    await context.close();

    // From the sign-in page itself: on to the page asked for, focus on its heading too.
    const second = await openPhone(browser(), 'nl-NL');
    await second.page.goto(`${gw().url}/portal/sign-in?next=/documents`);
    await second.page.locator('#portal-email').fill(DEMO_CUSTOMERS.jan.email);
    await second.page.locator('#portal-password').fill('Portaal-Demo-2026!');
    await second.page.locator('form button[type=submit]').click();
    await expect
      .poll(() => second.page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent}`))
      .toBe('H1 Documenten');
    await second.context.close();
  });

  it('keeps a list’s filter in the address, and an empty result offers to clear it', async () => {
    const { context, page } = await openPhone(browser(), 'nl-NL');
    await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);
    await page.goto(`${gw().url}/portal/invoices`);
    await page.locator('main table tbody tr').first().waitFor();
    const all = await page.locator('main table tbody tr').count();

    await page.locator('#portal-invoices-search').fill('geen-factuur-heet-zo');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Niets gevonden met deze zoekterm of status.');
    expect(new URL(page.url()).searchParams.get('search')).toBe('geen-factuur-heet-zo');

    // A reload (or the link, shared) shows the same selection.
    await page.reload();
    await expect.poll(() => page.locator('main').textContent()).toContain('Niets gevonden met deze zoekterm of status.');
    expect(await page.locator('#portal-invoices-search').inputValue()).toBe('geen-factuur-heet-zo');
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await expect.poll(() => page.locator('main table tbody tr').count()).toBe(all);
    expect(new URL(page.url()).searchParams.has('search')).toBe(false);
    expect(await page.locator('#portal-invoices-search').inputValue()).toBe('');
    await context.close();
  });

  it('answers an unknown page with 404 and still shows the app’s not-found page', async () => {
    const { context, page } = await openPhone(browser(), 'en-GB');
    const response = await page.goto(`${gw().url}/portal/no-such-page`);
    expect(response?.status()).toBe(404);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Page not found');
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('loads at most 60 KiB of gzipped script for the signed-out portal, all of it compressed', async () => {
    const { context, page } = await openPhone(browser(), 'nl-NL');
    const encodings: Array<string | undefined> = [];
    page.on('response', (response) => {
      if (response.url().includes('/portal/assets/')) encodings.push(response.headers()['content-encoding']);
    });
    await page.goto(`${gw().url}/portal/`);
    await page.locator('#portal-email').waitFor();
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.endsWith('.js'))
        .map((entry) => new URL(entry.name).pathname),
    );
    expect(scripts.length).toBeGreaterThan(0);
    let gzipBytes = 0;
    for (const script of scripts) {
      const { request } = await import('node:http');
      gzipBytes += await new Promise<number>((resolve, reject) => {
        request(`${gw().url}${script}`, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
          expect(response.headers['content-encoding']).toBe('gzip');
          let length = 0;
          response.on('data', (chunk: Buffer) => (length += chunk.length));
          response.on('end', () => resolve(length));
        })
          .on('error', reject)
          .end();
      });
    }
    expect(gzipBytes).toBeLessThanOrEqual(60 * 1024);
    // Neither the admin panel nor the other language came along.
    expect(scripts.filter((script) => /\/(Admin|admin-|en-)/.test(script))).toEqual([]);
    expect(encodings.length).toBeGreaterThan(0);
    expect(encodings.every((encoding) => encoding === 'br' || encoding === 'gzip')).toBe(true);
    await context.close();
  });
});
