import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyMfa, type AccountLocale, type AccountType } from '../../domain/accounts/account.types.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { useBrowser } from '../browser.js';
import { DEMO_CUSTOMER_PASSWORD } from '../customers.js';
import { useTestGateway, type TestGateway } from '../gateway.js';
import { expectNoAxeViolations, openPortal, signInThroughForm } from './portal-support.js';

/**
 * Issue 16 in Chromium, in Dutch and in English: a business customer gives a person access to the
 * company's invoices, that person switches to the company and sees it, the grantor ends the access
 * and the person is back on their own records. Every page checked with axe.
 */
const WORDS = {
  nl: {
    browserLocale: 'nl-NL',
    nav: 'Hoofdmenu',
    page: 'Toegang delen',
    title: 'Collega’s en toegang',
    email: 'E-mailadres van de ander',
    scope: 'Facturen en bestellingen inzien',
    submit: 'Toegang geven',
    granted: 'heeft toegang gekregen',
    switchLabel: 'Werken namens',
    actingFor: 'U werkt namens Bakkerij Bakker B.V.',
    contracts: 'Contracten',
    revoke: (email: string) => `Toegang van ${email} intrekken`,
    revoked: 'De toegang is ingetrokken.',
    ended: 'Ingetrokken',
    colleague: 'Kees Verbeek',
  },
  en: {
    browserLocale: 'en-GB',
    nav: 'Main menu',
    page: 'Shared access',
    title: 'Colleagues and shared access',
    email: 'Their email address',
    scope: 'View invoices and orders',
    submit: 'Give access',
    granted: 'has been given access',
    switchLabel: 'Working on behalf of',
    actingFor: 'You are working on behalf of Bakkerij Bakker B.V.',
    contracts: 'Contracts',
    revoke: (email: string) => `End the access of ${email}`,
    revoked: 'The access has ended.',
    ended: 'Ended',
    colleague: 'Kees Verbeek',
  },
} as const;

async function createAccount(gateway: TestGateway, type: AccountType, locale: AccountLocale): Promise<string> {
  const email = `${type.toLowerCase()}.${randomUUID().slice(0, 8)}@example.nl`;
  const link =
    type === 'B2B'
      ? { clientId: DEMO.demo.bakkerij.clientId, contactId: DEMO.demo.bakkerij.otherContactIds[0]! }
      : { clientId: DEMO.demo.noAccount.sophieVisser.clientId, contactId: null };
  const now = new Date();
  await gateway.services.accounts.repository.create({
    id: randomUUID(),
    tenantId: 'demo',
    email,
    type,
    status: 'ACTIVE',
    ...link,
    locale,
    passwordHash: await gateway.services.passwordHasher.hash(DEMO_CUSTOMER_PASSWORD),
    passwordChangedAt: now,
    mfa: emptyMfa(),
    failuresResetAt: null,
    invitedBy: 'test',
    createdAt: now,
    activatedAt: now,
    lastSignInAt: null,
  });
  return email;
}

describe('shared access in the browser', () => {
  const gw = useTestGateway();
  const browser = useBrowser();

  for (const language of ['nl', 'en'] as const) {
    const w = WORDS[language];

    it(`${language}: grant, switch company, revoke`, async () => {
      const grantorEmail = await createAccount(gw(), 'B2B', language);
      const granteeEmail = await createAccount(gw(), 'B2C', language);

      // The grantor: company name in the header, colleagues on the page, and the grant form.
      const grantor = await openPortal(browser(), { locale: w.browserLocale });
      await signInThroughForm(grantor.page, gw().url, grantorEmail);
      await expect.poll(() => grantor.page.getByTestId('header-company').textContent()).toBe('Bakkerij Bakker B.V.');
      await expect.poll(() => grantor.page.getByTestId('dashboard-company').textContent()).toContain('Bakkerij Bakker B.V.');
      await grantor.page.locator(`nav[aria-label="${w.nav}"]`).getByRole('link', { name: w.page }).click();
      await expect.poll(() => grantor.page.locator('h1').allTextContents()).toEqual([w.title]);
      await expect.poll(() => grantor.page.locator('table').first().textContent()).toContain(w.colleague);
      await expectNoAxeViolations(grantor.page);

      await grantor.page.getByLabel(w.email).fill(granteeEmail);
      await grantor.page.getByLabel(w.scope).check();
      await grantor.page.getByRole('button', { name: w.submit, exact: true }).click();
      await expect
        .poll(() => grantor.page.locator('[role=status]').allTextContents())
        .toContainEqual(expect.stringContaining(w.granted));
      await expect.poll(() => grantor.page.locator('tr[data-delegation]').count()).toBe(1);
      await expectNoAxeViolations(grantor.page);

      // The grantee switches to the company: the overview says so and offers only what was granted.
      const grantee = await openPortal(browser(), { locale: w.browserLocale });
      await signInThroughForm(grantee.page, gw().url, granteeEmail);
      const switcher = grantee.page.getByLabel(w.switchLabel);
      await switcher.waitFor();
      await expectNoAxeViolations(grantee.page);
      await switcher.selectOption({ label: 'Bakkerij Bakker B.V.' });
      await expect.poll(() => grantee.page.getByTestId('dashboard-company').textContent()).toContain(w.actingFor);
      const nav = grantee.page.locator(`nav[aria-label="${w.nav}"]`);
      await expect.poll(() => nav.locator('a').allTextContents()).not.toContain(w.contracts);
      await expect.poll(() => grantee.page.getByTestId('invoice-count').count()).toBe(1);
      await expectNoAxeViolations(grantee.page);

      // The grantor ends it; the grantee's next page load is back on their own records.
      await grantor.page.getByRole('button', { name: w.revoke(granteeEmail) }).click();
      await expect.poll(() => grantor.page.locator('[role=status]').allTextContents()).toContainEqual(w.revoked);
      await expect.poll(() => grantor.page.locator('tr[data-delegation]').textContent()).toContain(w.ended);
      await expectNoAxeViolations(grantor.page);

      await grantee.page.reload();
      await expect.poll(() => grantee.page.locator('h1').textContent()).toMatch(/^(Welkom|Welcome)/);
      await expect.poll(() => grantee.page.getByTestId('dashboard-company').count()).toBe(0);
      expect(await grantee.page.getByLabel(w.switchLabel).count()).toBe(0);
      await expect.poll(() => nav.locator('a').allTextContents()).toContain(w.contracts);
      await expectNoAxeViolations(grantee.page);

      await grantor.context.close();
      await grantee.context.close();
    });
  }
});
