import { describe, expect, it } from 'vitest';
import { useBrowser } from '../browser.js';
import { useTestGateway } from '../gateway.js';
import { DEMO_STAFF } from '../staff.js';
import { expectNoAxeViolations, openPortal } from './portal-support.js';

/** "Verbinding controleren" on the settings page, and the banner that names a broken connection. */
describe('the connection check in the admin panel (Chromium)', () => {
  const gw = useTestGateway({}, { readinessTtlMs: 0 });
  const browser = useBrowser();

  const setMapping = async (fieldMapping: Record<string, unknown> | null) => {
    const tenants = gw().services.tenants;
    const tenant = tenants.get('demo')!;
    await tenants.upsert({
      id: 'demo',
      nextcloud: { ...tenant.nextcloud, appPassword: tenants.appPasswordOf('demo'), fieldMapping },
      timeZone: tenant.timeZone,
    });
  };

  it('shows the verdict on demand, and a banner plus the fix when the mapping names a missing property', async () => {
    const { context, page } = await openPortal(browser());
    try {
      await page.goto(`${gw().url}/portal/admin`);
      await page.locator('#admin-login-name').fill(DEMO_STAFF.admin.loginName);
      await page.locator('#admin-app-password').fill(DEMO_STAFF.admin.appPassword);
      await page.locator('form button[type=submit]').click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Huisstijl en instellingen');
      expect(await page.getByTestId('readiness-banner').count()).toBe(0);

      await page.getByRole('button', { name: 'Verbinding controleren' }).click();
      await page.getByTestId('connection-verdict').waitFor();
      expect(await page.getByTestId('connection-verdict').textContent()).toContain(
        'In orde: elk ingeschakeld onderdeel kan gegevens tonen.',
      );
      await expectNoAxeViolations(page);

      await setMapping({ invoice: { fields: { amount: ['grandTotal'] } } });
      await page.reload();
      const banner = page.getByTestId('readiness-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('De veldkoppeling noemt velden die het schema niet heeft.');
      expect(await banner.textContent()).toContain('invoice.fields.amount "grandTotal"');

      await page.getByRole('button', { name: 'Verbinding controleren' }).click();
      await expect
        .poll(() => page.getByTestId('connection-verdict').textContent())
        .toContain('Niet in orde: 1 probleem houdt een onderdeel leeg.');
      const problem = page.getByTestId('connection-problem').first();
      expect(await problem.textContent()).toContain('invoice.fields.amount names "grandTotal"');
      expect(await problem.textContent()).toContain('portal tenant update --id demo --field-mapping FILE');
      expect(await problem.textContent()).toContain('{"invoice":{"fields":{"amount":["total"]}}}');
      await expectNoAxeViolations(page);
    } finally {
      await setMapping(null);
      await context.close();
    }
  }, 60_000);
});
