import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { anonymous } from '../../domain/principal.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { useBrowser } from '../browser.js';
import { signInCustomer } from '../customers.js';
import { useTestGateway, type TestGateway } from '../gateway.js';
import { DEMO_STAFF } from '../staff.js';
import { expectNoAxeViolations, openPortal } from './portal-support.js';

/**
 * The admin panel on a phone (390×844) in Chromium, for a tenant admin and for a DPO, in Dutch and
 * English: every page and every report fits the screen without sideways scrolling (the page's or a
 * table's own), every value of every row is on screen and labelled with its column's name, and
 * axe finds nothing. On a wide screen the same reports stay real tables.
 */
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const JAN = DEMO.demo.janJansen;

const LANGUAGES = [
  {
    locale: 'nl-NL',
    signIn: 'Inloggen voor beheer',
    settings: 'Huisstijl en instellingen',
    accounts: 'Accounts',
    audit: 'Audittrail',
    cleanup: 'Opschonen',
    checkConnection: 'Verbinding controleren',
    preview: 'Voorbeeld bekijken',
    subjectEmail: 'E-mailadres van de betrokkene',
    search: 'Zoeken',
    minimumRatio: '4,5:1',
    held: 'Wordt nog bewaard',
  },
  {
    locale: 'en-GB',
    signIn: 'Staff sign-in',
    settings: 'Branding and settings',
    accounts: 'Accounts',
    audit: 'Audit trail',
    cleanup: 'Cleanup',
    checkConnection: 'Check connection',
    preview: 'Show preview',
    subjectEmail: "Data subject's email address",
    search: 'Search',
    minimumRatio: '4.5:1',
    held: 'Still kept',
  },
] as const;
type Language = (typeof LANGUAGES)[number];

async function openPhone(browser: ReturnType<ReturnType<typeof useBrowser>>, locale: string) {
  const opened = await openPortal(browser, { locale });
  await opened.page.setViewportSize(PHONE);
  return opened;
}

async function signInStaffThroughForm(page: Page, baseUrl: string, who: keyof typeof DEMO_STAFF, language: Language) {
  await page.goto(`${baseUrl}/portal/admin`);
  await expect.poll(() => page.locator('h1').textContent()).toBe(language.signIn);
  await page.locator('#admin-login-name').fill(DEMO_STAFF[who].loginName);
  await page.locator('#admin-app-password').fill(DEMO_STAFF[who].appPassword);
  await page.locator('form button[type=submit]').click();
  await expect.poll(() => page.locator('h1').textContent()).toBe(who === 'dpo' ? language.audit : language.settings);
}

/**
 * Where the page's content sits: cells, links and buttons of every table row that stick out of the
 * viewport, anything inside main that scrolls sideways on its own (a table in a scrolling box hides
 * its overflow from the page's width), body cells without a column label, and the page's own width.
 */
function phoneLayout(page: Page) {
  return page.evaluate(() => {
    const outside: string[] = [];
    const rows = Array.from(document.querySelectorAll('main table tbody tr'));
    for (const [index, row] of rows.entries()) {
      for (const element of Array.from(row.querySelectorAll('td, th, a, button'))) {
        // An empty cell (no action for this row) may be left out of the card.
        if (element.childElementCount === 0 && !element.textContent?.trim()) continue;
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.left < 0 || box.right > window.innerWidth + 0.5)
          outside.push(
            `row ${index} ${element.tagName} "${element.textContent?.trim().slice(0, 40)}" ${Math.round(box.left)}..${Math.round(box.right)}`,
          );
      }
    }
    const sideScrollers = Array.from(document.querySelectorAll('main *'))
      .filter((element) => {
        const overflow = getComputedStyle(element).overflowX;
        return (overflow === 'auto' || overflow === 'scroll') && element.scrollWidth > element.clientWidth + 1;
      })
      .map((element) => `${element.tagName}.${element.className}`);
    const unlabelled = Array.from(document.querySelectorAll('main table.portal-cards tbody tr > *'))
      .filter((cell) => !cell.getAttribute('data-label'))
      .map((cell) => cell.textContent?.trim().slice(0, 40));
    // What sticks out when the page does scroll sideways: the innermost such elements, to mend.
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
      .filter(
        (element) => !Array.from(element.children).some((child) => child.getBoundingClientRect().right > window.innerWidth + 0.5),
      )
      .slice(0, 5)
      .map((element) => `${element.tagName}.${element.className} "${element.textContent?.trim().slice(0, 40)}"`);
    return {
      rows: rows.length,
      outside,
      sideScrollers,
      unlabelled,
      scrollsSideways: document.documentElement.scrollWidth > window.innerWidth ? wide : false,
    };
  });
}

async function expectFitsPhone(page: Page, what: string, minimumRows: number) {
  const layout = await phoneLayout(page);
  expect(layout.rows, what).toBeGreaterThanOrEqual(minimumRows);
  expect(layout.outside, what).toEqual([]);
  expect(layout.sideScrollers, what).toEqual([]);
  expect(layout.unlabelled, what).toEqual([]);
  expect(layout.scrollsSideways, what).toBe(false);
  await expectNoAxeViolations(page);
}

/** Every table in main displays as a table, its header row visible: the wide layout keeps the grid. */
function tablesAreGrids(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('main table')).map((table) => {
      const head = table.querySelector('thead');
      return `${getComputedStyle(table).display} ${head ? head.getBoundingClientRect().height > 1 : 'no-head'}`;
    }),
  );
}

/** Jan closes his account with his obligations settled, so the cleanup report has a row for him. */
let janClosed: Promise<string> | undefined;
function closeJan(gateway: TestGateway): Promise<string> {
  janClosed ??= (async () => {
    await signInCustomer(gateway, 'jan');
    const sim = gateway.simulator.instance('demo').data;
    for (const o of sim.objects.filter((o) => o.data.client === JAN.clientId || o.data.clientRef === JAN.clientId)) {
      if (o.data.status === 'confirmed' || o.data.status === 'parked') o.data.status = 'settled';
      if (['active', 'expiring', 'draft'].includes(String(o.data.status)) && o.data.clientRef) o.data.status = 'churned';
      if (['new', 'in_progress'].includes(String(o.data.status))) o.data.status = 'completed';
    }
    const account = (await gateway.services.accounts.repository.findByEmail('demo', JAN.email))!;
    await gateway.services.accounts.setStatus(gateway.services.tenants.get('demo')!, account.id, 'CLOSED', {
      principal: anonymous,
      meta: { ip: null, userAgent: null },
    });
    return account.id;
  })();
  return janClosed;
}

describe('the admin panel on a phone, in Chromium', () => {
  const gw = useTestGateway();
  const browser = useBrowser();

  for (const language of LANGUAGES) {
    it(`fits every page of a tenant admin on the screen: settings, accounts, audit trail, cleanup (${language.locale})`, async () => {
      const janId = await closeJan(gw());
      const { context, page } = await openPhone(browser(), language.locale);
      try {
        await page.goto(`${gw().url}/portal/admin`);
        await expect.poll(() => page.locator('h1').textContent()).toBe(language.signIn);
        await expectFitsPhone(page, 'staff sign-in', 0);
        await signInStaffThroughForm(page, gw().url, 'admin', language);

        // Settings, with the connection report (a table of what was found) open.
        await page.getByRole('button', { name: language.checkConnection }).click();
        await page.getByTestId('connection-report').waitFor();
        await expectFitsPhone(page, 'settings', 1);
        // Contrast ratios are written the way the language on screen writes numbers.
        expect(await page.locator('.ratios li').first().textContent()).toContain(language.minimumRatio);

        await page.goto(`${gw().url}/portal/admin/accounts`);
        await expect.poll(() => page.locator('h1').textContent()).toBe(language.accounts);
        await page.locator('main table tbody tr').first().waitFor();
        await expectFitsPhone(page, 'accounts', 2);
        // The block/unblock action is reachable and named after its account on the card too.
        const action = page.locator('main table tbody tr button').first();
        expect(await action.getAttribute('aria-label')).toMatch(/@/);
        // By keyboard: the card's action opens its question, which fits the screen; Escape goes back to the action.
        await action.focus();
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        const box = (await dialog.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
        await page.keyboard.press('Escape');
        await expect.poll(() => dialog.isVisible()).toBe(false);
        expect(await action.evaluate((button) => button === document.activeElement)).toBe(true);

        await page.goto(`${gw().url}/portal/admin/audit`);
        await expect.poll(() => page.locator('h1').textContent()).toBe(language.audit);
        await page.locator('main table tbody tr').first().waitFor();
        await page.locator('main table tbody tr button').first().click();
        await page.locator('#admin-audit-details-heading').waitFor();
        await expectFitsPhone(page, 'audit trail with one event open', 2);

        await page.goto(`${gw().url}/portal/admin/cleanup`);
        await expect.poll(() => page.locator('h1').textContent()).toBe(language.cleanup);
        await page.getByRole('button', { name: language.preview }).click();
        const janRow = page.locator('#admin-cleanup-result tbody tr', { hasText: janId });
        await janRow.waitFor();
        await expectFitsPhone(page, 'cleanup report', 1);
        expect(await janRow.locator('td').first().textContent()).toBe(language.held);
        // The account id is still the row's header for a screen reader, also as a card.
        expect(await janRow.locator('th[scope=row]').textContent()).toBe(janId);

        // On a wide screen the report is a grid again, with its header row.
        await page.setViewportSize(DESKTOP);
        expect(await tablesAreGrids(page)).toEqual(['table true']);
      } finally {
        await context.close();
      }
    });

    it(`fits a DPO's subject report and audit trail on the screen (${language.locale})`, async () => {
      await closeJan(gw());
      const { context, page } = await openPhone(browser(), language.locale);
      try {
        await signInStaffThroughForm(page, gw().url, 'dpo', language);
        await page.locator('main table tbody tr').first().waitFor();
        await expectFitsPhone(page, 'audit trail', 2);

        await page.getByLabel(language.subjectEmail).fill(JAN.email);
        await page.getByRole('button', { name: language.search, exact: true }).click();
        const result = page.locator('#admin-subject-result');
        await result.locator('table').nth(1).locator('tbody tr').first().waitFor();
        await expectFitsPhone(page, 'subject report', 3);
        const accountRow = result.locator('table').first().locator('tbody tr').first();
        expect(await accountRow.locator('th[scope=row]').count()).toBe(1);

        await page.setViewportSize(DESKTOP);
        expect(await tablesAreGrids(page)).toEqual(['table true', 'table true', 'table true']);
      } finally {
        await context.close();
      }
    });
  }
});
