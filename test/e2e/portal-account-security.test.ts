import { randomInt } from 'node:crypto';
import { generate } from 'otplib';
import { create as createQr } from 'qrcode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { qrPath } from '../../web/src/components/mfa/qr-path.js';
import { BROWSER_WAIT, useBrowser } from '../browser.js';
import { DEMO_CUSTOMER_PASSWORD, DEMO_CUSTOMERS } from '../customers.js';
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

const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

/** A browser of its own (own cookies, own address), posing as a phone when asked. */
async function openDevice(browser: Browser, userAgent?: string) {
  if (!userAgent) return openPortal(browser);
  const context = await browser.newContext({
    locale: 'nl-NL',
    userAgent,
    extraHTTPHeaders: { 'x-forwarded-for': `10.77.${randomInt(256)}.${randomInt(1, 255)}` },
  });
  context.setDefaultTimeout(BROWSER_WAIT);
  return { context, page: await context.newPage() };
}

/** Signs in after picking a language on the sign-in page, as a person would. */
async function signInPicking(page: Page, baseUrl: string, email: string, language: 'nl' | 'en', password: string) {
  await page.goto(`${baseUrl}/portal/`);
  await page.locator('#portal-language').selectOption(language);
  await expect.poll(() => page.locator('h1').textContent()).toBe(language === 'en' ? 'Sign in' : 'Inloggen');
  await page.locator('#portal-email').fill(email);
  await page.locator('#portal-password').fill(password);
  await page.locator('form button[type=submit]').click();
  await expect.poll(() => page.locator('h1').textContent()).toMatch(language === 'en' ? /^Welcome/ : /^Welkom/);
}

/** The words of the Security page's new parts, per language. */
const WORDS = {
  nl: {
    title: 'Beveiliging',
    enable: 'Tweestapsverificatie aanzetten',
    confirm: 'Bevestigen en aanzetten',
    qr: 'QR-code om dit account aan uw authenticator-app toe te voegen',
    openInApp: 'Openen in authenticator-app',
    copy: 'Sleutel kopiëren',
    copied: 'De geheime sleutel is gekopieerd.',
    current: 'Huidig wachtwoord',
    wrongCurrent: 'Dit is niet uw huidige wachtwoord.',
    tooWeak: 'Dit wachtwoord is niet sterk genoeg.',
    change: 'Wachtwoord wijzigen',
    changed: 'Uw wachtwoord is gewijzigd. Op andere apparaten bent u afgemeld.',
    thisDevice: 'Dit apparaat',
    phone: 'Chrome op Android',
    revokeOthers: 'Overal anders afmelden',
    othersRevoked: 'Afgemeld op andere apparaten: ',
    revokeOne: 'Afmelden',
    oneRevoked: 'Chrome op Android is afgemeld.',
    onlyThis: 'U bent alleen op dit apparaat ingelogd.',
    ended: 'Uw sessie is verlopen. Log opnieuw in.',
  },
  en: {
    title: 'Security',
    enable: 'Switch on two-step verification',
    confirm: 'Confirm and switch on',
    qr: 'QR code to add this account to your authenticator app',
    openInApp: 'Open in authenticator app',
    copy: 'Copy key',
    copied: 'The secret key has been copied.',
    current: 'Current password',
    wrongCurrent: 'This is not your current password.',
    tooWeak: 'This password is not strong enough.',
    change: 'Change password',
    changed: 'Your password has been changed. You have been signed out on other devices.',
    thisDevice: 'This device',
    phone: 'Chrome on Android',
    revokeOthers: 'Sign out everywhere else',
    othersRevoked: 'Sessions ended on other devices: ',
    revokeOne: 'End session',
    oneRevoked: 'The session on Chrome on Android has ended.',
    onlyThis: 'You are signed in on this device only.',
    ended: 'Your session has ended. Please sign in again.',
  },
} as const;

/** The new password each run sets (and the QR run then signs in with). */
const NEW_PASSWORD = { nl: 'Zeemeeuw-Bergpad-Lampion-29', en: 'Zeemeeuw-Bergpad-Lampion-17' } as const;
/** Dutch runs use the B2B account (stored nl), English ones Jan (switched to English by the first test). */
const WHO = { nl: 'bakkerij', en: 'jan' } as const;

/** Language at sign-in, signed-in devices, password change and QR enrolment (issue 15, items 3 and 4). */
describe('account self-service in the portal', () => {
  const gw = useTestGateway();
  const browser = useBrowser();

  it('keeps the language picked on the sign-in page and saves it to the account', async () => {
    const { email } = DEMO_CUSTOMERS.jan;
    const { context, page } = await openPortal(browser());
    await signInPicking(page, gw().url, email, 'en', DEMO_CUSTOMER_PASSWORD);
    expect(await page.locator('h1').textContent()).toBe('Welcome, Jan Jansen');
    await context.close();

    // Saved: a fresh Dutch browser that picks nothing gets the account's language, now English.
    const fresh = await openPortal(browser());
    await signInThroughForm(fresh.page, gw().url, email);
    expect(await fresh.page.locator('h1').textContent()).toBe('Welcome, Jan Jansen');
    const viewer = await fresh.page.evaluate(async () => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ viewer { ... on CustomerViewer { account { locale } } } }' }),
      });
      return (await response.json()) as { data: { viewer: { account: { locale: string } } } };
    });
    expect(viewer.data.viewer.account.locale).toBe('EN');
    await fresh.context.close();
  });

  for (const language of ['nl', 'en'] as const) {
    it(`lists the signed-in devices, signs out the others and changes the password (${language})`, async () => {
      const words = WORDS[language];
      const { email } = DEMO_CUSTOMERS[WHO[language]];
      const phone = await openDevice(browser(), PHONE_UA);
      const laptop = await openDevice(browser());
      await signInPicking(phone.page, gw().url, email, language, DEMO_CUSTOMER_PASSWORD);
      await signInPicking(laptop.page, gw().url, email, language, DEMO_CUSTOMER_PASSWORD);
      const page = laptop.page;
      await page.goto(`${gw().url}/portal/security`);
      const sessions = page.getByTestId('sessions').locator('li');
      await expect.poll(() => sessions.count()).toBeGreaterThanOrEqual(2);
      const mine = sessions.filter({ hasText: words.thisDevice });
      expect(await mine.count()).toBe(1);
      expect(await mine.getByRole('button').count()).toBe(0);
      const phoneRow = sessions.filter({ hasText: words.phone });
      expect(await phoneRow.count()).toBe(1);
      await expectNoAxeViolations(page);

      // One device at a time…
      await phoneRow.getByRole('button', { name: words.revokeOne, exact: true }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: words.oneRevoked }).count()).toBe(1);
      await phone.page.reload();
      await expect.poll(() => phone.page.locator('#portal-email').count()).toBe(1);

      // …or every other one at once: the phone is refused at its next step and says why.
      await signInPicking(phone.page, gw().url, email, language, DEMO_CUSTOMER_PASSWORD);
      await page.reload();
      await page.getByRole('button', { name: words.revokeOthers, exact: true }).click();
      // (Jan still has the sessions of the language test's browsers: closing a browser does not sign out.)
      await expect.poll(() => page.getByRole('status').filter({ hasText: words.othersRevoked }).count()).toBe(1);
      await expect.poll(() => page.getByText(words.onlyThis, { exact: true }).count()).toBe(1);
      await phone.page.goto(`${gw().url}/portal/security`);
      await expect.poll(() => phone.page.locator('#portal-email').count()).toBe(1);

      // The password: a wrong current one and a weak new one are told at their fields.
      await signInPicking(phone.page, gw().url, email, language, DEMO_CUSTOMER_PASSWORD);
      await page.getByLabel(words.current, { exact: true }).fill('Not-My-Password-99');
      await page.locator('#portal-change-password-new').fill(NEW_PASSWORD[language]);
      await page.locator('#portal-change-password-confirm').fill(NEW_PASSWORD[language]);
      await page.getByRole('button', { name: words.change, exact: true }).click();
      await expect.poll(() => page.locator('#portal-change-password-current-error').textContent()).toBe(words.wrongCurrent);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('portal-change-password-current');

      await page.locator('#portal-change-password-current').fill(DEMO_CUSTOMER_PASSWORD);
      await page.locator('#portal-change-password-new').fill('wachtwoord1234');
      await page.locator('#portal-change-password-confirm').fill('wachtwoord1234');
      await page.getByRole('button', { name: words.change, exact: true }).click();
      await expect.poll(() => page.locator('#portal-change-password-new-error').textContent()).toContain(words.tooWeak);
      await expectNoAxeViolations(page);

      await page.locator('#portal-change-password-new').fill(NEW_PASSWORD[language]);
      await page.locator('#portal-change-password-confirm').fill(NEW_PASSWORD[language]);
      await page.getByRole('button', { name: words.change, exact: true }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: words.changed }).count()).toBe(1);
      // This browser stays signed in (its cookie was renewed), as the only session; the phone is out.
      await page.reload();
      await expect.poll(() => page.locator('h1').textContent()).toBe(words.title);
      await expect.poll(() => page.getByTestId('sessions').locator('li').count()).toBe(1);
      await phone.page.reload();
      await expect.poll(() => phone.page.locator('#portal-email').count()).toBe(1);
      await signInPicking(phone.page, gw().url, email, language, NEW_PASSWORD[language]);
      await phone.context.close();
      await laptop.context.close();
    });
  }

  for (const language of ['nl', 'en'] as const) {
    it(`shows a QR code drawn in the page, a copy button and an authenticator link (${language})`, async () => {
      const words = WORDS[language];
      const { email } = DEMO_CUSTOMERS[WHO[language]];
      const { context, page } = await openPortal(browser());
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await signInPicking(page, gw().url, email, language, NEW_PASSWORD[language]);
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: gw().url });
      await page.goto(`${gw().url}/portal/security`);
      await page.getByRole('button', { name: words.enable, exact: true }).click();

      const qr = page.getByRole('img', { name: words.qr, exact: true });
      await qr.waitFor();
      expect(await qr.evaluate((element) => element.tagName.toLowerCase())).toBe('svg');
      // The picture is the otpauth URI: the modules the library gives for it, drawn in the page…
      const uri = (await page.getByTestId('mfa-uri').textContent())!;
      const secret = (await page.getByTestId('mfa-secret').textContent())!;
      expect(new URL(uri).searchParams.get('secret')).toBe(secret);
      expect(await qr.locator('path').getAttribute('d')).toBe(qrPath(createQr(uri, { errorCorrectionLevel: 'M' }).modules).path);
      // …so no request carried the secret anywhere.
      expect(requests.filter((url) => url.includes(secret))).toEqual([]);

      // The key in blocks of four, copied with one button.
      const blocks = await page.getByTestId('mfa-secret').locator('span').allTextContents();
      expect(blocks.join('')).toBe(secret);
      expect(blocks.slice(0, -1).every((block) => block.length === 4)).toBe(true);
      await page.getByRole('button', { name: words.copy, exact: true }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: words.copied }).count()).toBe(1);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

      // A phone with the app opens the link straight in it.
      expect(await page.getByRole('link', { name: words.openInApp, exact: true }).getAttribute('href')).toBe(uri);
      await expectNoAxeViolations(page);

      await page.locator('#portal-mfa-enrol-code').fill(await generate({ secret }));
      await page.getByRole('button', { name: words.confirm, exact: true }).click();
      await expect.poll(() => page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
      await context.close();
    });
  }
});
