import { generate } from 'otplib';
import { afterAll, describe, expect, it } from 'vitest';
import { useBrowser } from '../browser.js';
import { DEMO_CUSTOMERS } from '../customers.js';
import { useTestGateway } from '../gateway.js';
import { signInStaff } from '../staff.js';
import { isAddressedTo, linkIn, startSmtpCatcher } from '../smtp.js';
import { expectNoAxeViolations, openPortal, signInThroughForm } from './portal-support.js';

const smtp = await startSmtpCatcher();

/** Forgotten password, two-step verification and lockout, end to end in Chromium. */
describe('account security in the portal', () => {
  const gw = useTestGateway({ SMTP_URL: smtp.url });
  const browser = useBrowser();
  afterAll(() => smtp.close());

  it('mails a link whose page sets a new password that then signs in', async () => {
    const { email } = DEMO_CUSTOMERS.jan;
    const { context, page } = await openPortal(browser());
    await page.goto(`${gw().url}/portal/sign-in`);
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await page.locator('#portal-reset-email').fill(email);
    await page.getByRole('button', { name: 'Herstellink versturen' }).click();
    await expect.poll(() => page.locator('[role=status]').textContent()).toContain(`Als er een account bij ${email} hoort`);

    const mail = await smtp.waitFor((m) => isAddressedTo(m, email), 10_000);
    const link = new URL(linkIn(mail, '/portal/reset-password'));
    // The link names the gateway's public URL; open the same path on this test gateway.
    await page.goto(`${gw().url}${link.pathname}${link.search}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Nieuw wachtwoord kiezen');
    await expectNoAxeViolations(page);

    // The policy's own feedback is shown at the field when the password is too weak.
    await page.locator('#portal-new-password').fill('wachtwoord12');
    await page.locator('#portal-new-password-confirm').fill('wachtwoord12');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.locator('#portal-new-password-error').waitFor();
    expect(await page.locator('#portal-new-password-error').textContent()).toContain('Dit wachtwoord is niet sterk genoeg.');
    expect(await page.locator('#portal-new-password').getAttribute('aria-describedby')).toContain('portal-new-password-error');

    const newPassword = 'Kraanvogel-Tulpenveld-Zeewind-41';
    await page.locator('#portal-new-password').fill(newPassword);
    await page.locator('#portal-new-password-confirm').fill(newPassword);
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await expect.poll(() => page.locator('[role=status]').textContent()).toBe('Uw wachtwoord is gewijzigd. U kunt nu inloggen.');

    // The link works once.
    await page.goto(`${gw().url}${link.pathname}${link.search}`);
    await page.locator('#portal-new-password').fill(newPassword);
    await page.locator('#portal-new-password-confirm').fill(newPassword);
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await expect.poll(() => page.locator('[role=alert]').textContent()).toContain('Deze link is ongeldig of al gebruikt.');
    await context.close();

    const fresh = await openPortal(browser());
    await signInThroughForm(fresh.page, gw().url, email, newPassword);
    expect(await fresh.page.locator('h1').textContent()).toBe('Welkom, Jan Jansen');
    await fresh.context.close();
  });

  it('switches on two-step verification with the shown secret, asks for a code or recovery code at sign-in, and re-enrols only with proof', async () => {
    const { email } = DEMO_CUSTOMERS.bakkerij;
    const { context, page } = await openPortal(browser());
    await signInThroughForm(page, gw().url, email);
    await page.locator('nav[aria-label="Hoofdmenu"]').getByRole('link', { name: 'Beveiliging' }).click();
    await page.getByRole('button', { name: 'Tweestapsverificatie aanzetten' }).click();
    const uri = await page.getByTestId('mfa-uri').textContent();
    const secret = (await page.getByTestId('mfa-secret').textContent())!;
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(new URL(uri!).searchParams.get('secret')).toBe(secret);
    await page.locator('#portal-mfa-enrol-code').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Bevestigen en aanzetten' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await expect.poll(() => codes.count()).toBe(10);
    const recoveryCodes = await codes.allTextContents();
    // Focus moves to the codes, so nobody misses that they are shown only now.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('portal-recovery-codes');
    await page.getByRole('button', { name: 'Ik heb de codes bewaard' }).click();
    await expect.poll(() => page.getByText('Tweestapsverificatie staat nu aan.').count()).toBe(1);

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.locator('#portal-email').fill(email);
    await page.locator('#portal-password').fill('Portaal-Demo-2026!');
    await page.locator('form button[type=submit]').click();
    const code = page.locator('#portal-mfa-code');
    await code.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('portal-mfa-code');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    await code.fill('12345');
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    expect(await page.locator('#portal-mfa-code-error').textContent()).toBe('Vul precies 6 cijfers in.');
    await page.getByRole('button', { name: /herstelcode gebruiken/ }).click();
    await page.locator('#portal-recovery-code').fill(recoveryCodes[0]!.trim());
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await expect.poll(() => page.locator('h1').allTextContents()).toEqual([expect.stringMatching(/^Welkom/)]);

    // A new phone: linking a new app first asks for proof (a session alone must not swap the factor).
    await page.goto(`${gw().url}/portal/security`);
    await page.getByRole('button', { name: 'Nieuwe app koppelen' }).click();
    await page.locator('#portal-mfa-reenrol-code').waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Doorgaan' }).click();
    expect(await page.locator('#portal-mfa-reenrol-code-error').textContent()).toBe(
      'Vul een code uit de app of een herstelcode in.',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('portal-mfa-reenrol-code');
    await page.locator('#portal-mfa-reenrol-code').fill('000000');
    await page.getByRole('button', { name: 'Doorgaan' }).click();
    await expect
      .poll(() => page.locator('#portal-mfa-reenrol-code-error').textContent())
      .toBe('Deze code klopt niet of is al gebruikt.');
    // The password will do instead of a code.
    const mfaSection = page.locator('section[aria-labelledby="portal-profile-mfa"]');
    await mfaSection.getByRole('button', { name: 'Mijn wachtwoord gebruiken' }).click();
    await page.locator('#portal-mfa-reenrol-password').fill('Portaal-Demo-2026!');
    await page.getByRole('button', { name: 'Doorgaan' }).click();
    const newSecret = (await page.getByTestId('mfa-secret').textContent())!;
    expect(newSecret).not.toBe(secret);
    await page.locator('#portal-mfa-enrol-code').fill(await generate({ secret: newSecret }));
    await page.getByRole('button', { name: 'Bevestigen en aanzetten' }).click();
    await expect.poll(() => codes.count()).toBe(10);
    const newRecoveryCodes = await codes.allTextContents();
    await page.getByRole('button', { name: 'Ik heb de codes bewaard' }).click();
    await expect.poll(() => page.getByText('Uw nieuwe authenticator-app is gekoppeld.').count()).toBe(1);

    // Changing the sign-in address (on the profile page) asks for the proof as well (here: a code from the new app).
    await page.locator('nav[aria-label="Hoofdmenu"]').getByRole('link', { name: 'Mijn gegevens' }).click();
    await page.locator('#portal-profile-new-email').fill('inkoop.nieuw@bakkerij-bakker.example');
    await page.getByRole('button', { name: 'E-mailadres wijzigen' }).click();
    expect(await page.locator('#portal-email-proof-code-error').textContent()).toBe(
      'Vul een code uit de app of een herstelcode in.',
    );
    await page
      .locator('#portal-email-proof-code')
      .fill(await generate({ secret: newSecret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByRole('button', { name: 'E-mailadres wijzigen' }).click();
    await expect
      .poll(() => page.locator('[role=status]').allTextContents())
      .toContainEqual(expect.stringContaining('Bevestig uw nieuwe adres met de link'));

    // Switching it off takes a code too; a recovery code of the new app will do, the old ones are void.
    await page.locator('nav[aria-label="Hoofdmenu"]').getByRole('link', { name: 'Beveiliging' }).click();
    await page.locator('#portal-mfa-disable-code').fill(recoveryCodes[1]!.trim());
    await page.getByRole('button', { name: 'Uitzetten' }).click();
    await expect
      .poll(() => page.locator('[role=alert]').allTextContents())
      .toContainEqual(expect.stringContaining('De verificatiecode klopt niet'));
    await page.locator('#portal-mfa-disable-code').fill(newRecoveryCodes[1]!.trim());
    await page.getByRole('button', { name: 'Uitzetten' }).click();
    await expect.poll(() => page.getByText('Tweestapsverificatie staat nu uit.').count()).toBe(1);
    await context.close();
  });

  it('tells a locked-out customer how long to wait', async () => {
    const { context, page } = await openPortal(browser());
    await page.goto(`${gw().url}/portal/?tenant=other`);
    const alert = page.locator('#portal-login-error');
    let text = '';
    for (let attempt = 0; attempt < 7 && !text.includes('geblokkeerd'); attempt++) {
      await page.locator('#portal-email').fill(DEMO_CUSTOMERS.piet.email);
      await page.locator('#portal-password').fill(`wrong-password-${attempt}`);
      const answered = page.waitForResponse((r) => r.url().includes('/graphql') && !!r.request().postData()?.includes('SignIn'));
      await page.locator('form button[type=submit]').click();
      await answered;
      await expect.poll(async () => (await alert.allTextContents()).join('')).not.toBe('');
      text = (await alert.allTextContents()).join('');
    }
    expect(text).toContain('Uw account is tijdelijk geblokkeerd; probeer het over 15 minuten opnieuw');
    await context.close();
  });

  it('holds a customer on the set-up page when the portal requires two-step verification', async () => {
    const staff = await signInStaff(gw(), 'admin', 'demo');
    const saved = await gw().graphql(
      'mutation { saveTenantConfig(tenantId: "demo", input: { mfaRequired: true }) { mfaRequired } }',
      {},
      staff.headers,
    );
    expect(saved.body.errors).toBeUndefined();
    // The B2B account switched its own verification off again in the test above.
    const { context, page } = await openPortal(browser());
    await page.goto(`${gw().url}/portal/`);
    await page.locator('#portal-email').fill(DEMO_CUSTOMERS.bakkerij.email);
    await page.locator('#portal-password').fill('Portaal-Demo-2026!');
    await page.locator('form button[type=submit]').click();
    await expect.poll(() => page.locator('h1').allTextContents()).toEqual(['Tweestapsverificatie instellen']);
    expect(new URL(page.url()).pathname).toBe('/portal/mfa-setup');
    // Nothing else is reachable until it is done.
    expect(await page.locator('nav[aria-label="Hoofdmenu"]').count()).toBe(0);
    await page.goto(`${gw().url}/portal/invoices`);
    await expect.poll(() => page.locator('h1').allTextContents()).toEqual(['Tweestapsverificatie instellen']);

    const secret = (await page.getByTestId('mfa-secret').textContent())!;
    await page.locator('#portal-mfa-enrol-code').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Bevestigen en aanzetten' }).click();
    await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await page.getByRole('button', { name: 'Ik heb de codes bewaard' }).click();
    await expect.poll(() => page.locator('h1').allTextContents()).toEqual([expect.stringMatching(/^Welkom/)]);
    expect(await page.locator('nav[aria-label="Hoofdmenu"]').count()).toBe(1);
    await context.close();
  });
});
