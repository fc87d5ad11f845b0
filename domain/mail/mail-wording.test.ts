import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../core/paths.js';
import { renderMail } from './templates/index.js';

const branding = { tenantName: 'Gemeente Súdwest-Fryslân' };
const invitation = { activationUrl: 'https://portal.example/portal/activate?token=inv-1', validForMinutes: 60 };
const closure = { confirmUrl: 'https://portal.example/portal/confirm-closure?token=cls-1', validForMinutes: 60 };

/** The web app's dictionary for `language`, loaded by path as test/web-problem-texts.test.ts does. */
async function webWords(language: 'nl' | 'en'): Promise<Record<string, string>> {
  const file = path.join(projectRoot, 'web', 'src', 'lib', 'i18n', `${language}.ts`);
  return ((await import(/* @vite-ignore */ file)) as Record<string, Record<string, string>>)[language]!;
}

describe('the invitation names only what the tenant offers', () => {
  it('lists every part of the portal when all are enabled', () => {
    const { text } = renderMail('account-invitation', 'nl', { ...branding, ...invitation });
    expect(text).toContain('Daar ziet u uw facturen, contracten, bestellingen, verzoeken, documenten en gegevens.');
  });

  it('leaves out a disabled feature, in Dutch and in English', () => {
    const features = ['INVOICES', 'REQUESTS', 'DOCUMENTS'] as const;
    const nl = renderMail('account-invitation', 'nl', { ...branding, ...invitation, features: [...features] });
    expect(nl.text).toContain('Daar ziet u uw facturen, verzoeken en documenten.');
    expect(nl.text).not.toMatch(/contracten|bestellingen/);
    expect(nl.html).not.toMatch(/contracten|bestellingen/);
    const en = renderMail('account-invitation', 'en', { ...branding, ...invitation, features: ['DOCUMENTS', 'INVOICES'] });
    // The portal menu's order, whatever order the settings hold.
    expect(en.text).toContain('customer portal, where you can see your invoices and documents.');
    expect(en.text).not.toMatch(/contracts|orders|requests/);
  });

  it('promises nothing when no feature is enabled', () => {
    const { text } = renderMail('account-invitation', 'en', { ...branding, ...invitation, features: [] });
    expect(text).toContain('An account has been created for you on the Gemeente Súdwest-Fryslân customer portal.');
    expect(text).not.toContain('where you can see');
  });
});

describe('closing an account has one word in the portal and in its mails', () => {
  it('Dutch: "sluiten" as on the Privacy page, never "opheffen"', async () => {
    const words = await webWords('nl');
    const confirmation = renderMail('account-closure-confirmation', 'nl', { ...branding, ...closure });
    const closed = renderMail('account-closed', 'nl', branding);
    expect(confirmation.text).toContain(`\n${words['closure.heading']}\n`);
    expect(confirmation.subject).toBe('Bevestig het sluiten van uw account');
    expect(closed.subject).toBe('Uw account is gesloten');
    // The confirmation page says the same once the link is used.
    expect(words['confirmClosure.done']).toContain('Uw account is gesloten.');
    for (const mail of [confirmation, closed]) expect(`${mail.subject}\n${mail.text}`).not.toMatch(/ophef|opgeheven/i);
  });

  it('English: "close" as on the Privacy page', async () => {
    const words = await webWords('en');
    const confirmation = renderMail('account-closure-confirmation', 'en', { ...branding, ...closure });
    const closed = renderMail('account-closed', 'en', branding);
    expect(confirmation.text).toContain(`\n${words['closure.heading']}\n`);
    expect(confirmation.subject).toBe('Confirm closing your account');
    expect(closed.subject).toBe('Your account has been closed');
    expect(words['confirmClosure.done']).toContain('Your account is closed.');
  });
});
