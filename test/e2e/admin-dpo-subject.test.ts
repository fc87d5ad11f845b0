import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { useBrowser } from '../browser.js';
import { signInCustomer } from '../customers.js';
import { useTestGateway } from '../gateway.js';
import { DEMO_STAFF } from '../staff.js';
import { expectNoAxeViolations, openPortal } from './portal-support.js';

/**
 * Issue 14 item 11 in the admin panel: a DPO types a person's address on the audit page and
 * gets their accounts and every event about them, and the events as a CSV file; an admin does not
 * get the search (the query is the DPO's).
 */
const JAN = DEMO.demo.janJansen;

async function signInStaffThroughForm(page: Page, baseUrl: string, who: keyof typeof DEMO_STAFF) {
  await page.goto(`${baseUrl}/portal/admin`);
  await page.locator('#admin-login-name').fill(DEMO_STAFF[who].loginName);
  await page.locator('#admin-app-password').fill(DEMO_STAFF[who].appPassword);
  await page.locator('form button[type=submit]').click();
  await expect.poll(() => page.locator('h1').textContent()).not.toBe('Inloggen voor beheer');
}

describe('the subject search on the audit page', () => {
  const gw = useTestGateway();
  const browser = useBrowser();

  it("shows a DPO a person's account and events by address, and exports the events as CSV", async () => {
    await signInCustomer(gw(), 'jan');
    const account = (await gw().services.accounts.repository.findByEmail('demo', JAN.email))!;
    const stored = await gw().services.audit.count('demo', { accountId: account.id });
    const { context, page } = await openPortal(browser(), { acceptDownloads: true });
    try {
      await signInStaffThroughForm(page, gw().url, 'dpo');
      await page.goto(`${gw().url}/portal/admin/audit`);
      await page.getByRole('heading', { name: 'Zoeken op betrokkene' }).waitFor();
      await page.getByLabel('E-mailadres van de betrokkene').fill(`  ${JAN.email.toUpperCase()}`);
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
      const result = page.locator('#admin-subject-result');
      await expect.poll(() => result.getByRole('status').textContent()).toContain(`1 account(s) en ${stored} gebeurtenis(sen)`);
      const accountRow = result.locator('table').first().locator('tbody tr');
      expect(await accountRow.locator('th').textContent()).toBe(account.id);
      expect(await accountRow.textContent()).toContain('e-mailadres');
      expect(await result.locator('table').nth(1).locator('tbody tr').count()).toBe(Math.min(stored, 50));
      await expectNoAxeViolations(page);

      await page.getByRole('button', { name: 'Alle gebeurtenissen als CSV' }).click();
      const link = page.getByRole('link', { name: 'CSV-bestand downloaden' });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const csv = (await readFile((await download.path())!, 'utf8'))
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(csv[0]).toBe('seq,occurredAt,type,outcome,accountId,actor,targetType,targetId,details');
      expect(csv).toHaveLength(stored + 1);
      expect(csv.join('\n').toLowerCase()).not.toContain(JAN.email);
    } finally {
      await context.close();
    }
  });

  it('is not offered to an admin', async () => {
    const { context, page } = await openPortal(browser());
    try {
      await signInStaffThroughForm(page, gw().url, 'admin');
      await page.goto(`${gw().url}/portal/admin/audit`);
      await page.locator('#admin-audit-list').waitFor();
      expect(await page.getByRole('heading', { name: 'Zoeken op betrokkene' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
