import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { anonymous } from '../../domain/principal.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { useBrowser } from '../browser.js';
import { useTestGateway, type TestGateway } from '../gateway.js';
import { DEMO_STAFF, signInStaff } from '../staff.js';
import { expectNoAxeViolations, openPortal } from './portal-support.js';

/**
 * Issue 14 item 10 in the admin panel: the tenant's retention basis is a setting an admin picks,
 * and the cleanup preview answers "what happens on that date" for a date the admin enters, with
 * the held-until date per closed account under the saved basis. The real run stays a run of today.
 */
const JAN = DEMO.demo.janJansen;
const PREVIEW = `mutation ($asOf: DateTime) { runRetentionCleanup(tenantId: "demo", dryRun: true, asOf: $asOf) {
  retentionBasis accounts { accountId outcome heldUntil } } }`;

async function signInAdmin(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/portal/admin`);
  await page.locator('#admin-login-name').fill(DEMO_STAFF.admin.loginName);
  await page.locator('#admin-app-password').fill(DEMO_STAFF.admin.appPassword);
  await page.locator('form button[type=submit]').click();
  await expect.poll(() => page.locator('h1').textContent()).not.toBe('Inloggen voor beheer');
}

/** Jan closes his account; his obligations are over, so only the fiscal retention holds him. */
async function closeJan(gateway: TestGateway): Promise<string> {
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
}

describe('retention controls in the admin panel', () => {
  const gw = useTestGateway();
  const browser = useBrowser();

  it('saves the retention basis, and previews the cleanup for a later date with the held-until date under it', async () => {
    const accountId = await closeJan(gw());
    const admin = await signInStaff(gw(), 'admin');
    const preview = async (asOf: string | null) => {
      const { body } = await gw().graphql(PREVIEW, { asOf }, admin.headers);
      const report = body.data!.runRetentionCleanup as {
        retentionBasis: string;
        accounts: Array<{ accountId: string; outcome: string; heldUntil: string }>;
      };
      return { basis: report.retentionBasis, jan: report.accounts.find((a) => a.accountId === accountId)! };
    };
    const before = await preview(null);
    expect(before.basis).toBe('FISCAL_YEAR_END');
    expect(before.jan.outcome).toBe('HELD');

    const { context, page } = await openPortal(browser());
    try {
      await signInAdmin(page, gw().url);
      // Settings: the select shows the saved basis; the admin picks the record date and saves.
      await page.goto(`${gw().url}/portal/admin/settings`);
      const basis = page.getByLabel('De fiscale bewaartermijn van 7 jaar begint bij');
      await expect.poll(() => basis.inputValue()).toBe('FISCAL_YEAR_END');
      expect(await basis.getAttribute('aria-describedby')).toContain('admin-settings-retentionBasis');
      await expectNoAxeViolations(page);
      await basis.selectOption('RECORD_DATE');
      await page.getByRole('button', { name: 'Instellingen opslaan' }).click();
      await expect.poll(async () => (await preview(null)).basis).toBe('RECORD_DATE');
      const after = await preview(null);
      // From the record date, 7 years end earlier than from the end of its fiscal year.
      expect(new Date(after.jan.heldUntil).getTime()).toBeLessThan(new Date(before.jan.heldUntil).getTime());

      // Cleanup: a preview for the day after the retention ends shows Jan would be pseudonymised then.
      await page.goto(`${gw().url}/portal/admin/cleanup`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Opschonen');
      const heldUntil = new Date(after.jan.heldUntil);
      const dayAfter = new Date(heldUntil.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Voorbeeld voor een datum (optioneel)').fill(dayAfter);
      await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
      const row = page.locator('#admin-cleanup-result tbody tr', { hasText: accountId });
      await expect.poll(() => row.locator('td').first().textContent()).toBe('Zou worden gepseudonimiseerd');
      const result = page.locator('#admin-cleanup-result');
      expect(await result.textContent()).toContain('de datum van het laatste fiscale record');
      // A preview of another day is no preview of what "clean up now" does: that button is not offered.
      expect(await page.getByRole('button', { name: 'Nu opschonen' }).count()).toBe(0);
      await expectNoAxeViolations(page);

      // Without a date the preview is of today: Jan is still held, until the date the API gives.
      await page.getByLabel('Voorbeeld voor een datum (optioneel)').fill('');
      await page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
      await expect.poll(() => row.locator('td').first().textContent()).toBe('Wordt nog bewaard');
      const shown = await page.evaluate(
        (iso) => new Intl.DateTimeFormat(document.documentElement.lang || 'nl', { dateStyle: 'medium' }).format(new Date(iso)),
        after.jan.heldUntil,
      );
      expect(await row.locator('td').nth(1).textContent()).toBe(shown);
    } finally {
      await context.close();
    }
    // Nothing was changed by the previews.
    const stored = await gw()
      .connection.db!.collection('accounts')
      .findOne({ _id: accountId as never });
    expect(stored!.status).toBe('CLOSED');
    expect(await gw().services.audit.count('demo', { accountId, eventType: 'account.pseudonymised' })).toBe(0);
  });
});
