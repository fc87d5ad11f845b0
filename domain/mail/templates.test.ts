import { describe, expect, it } from 'vitest';
import { parseMail } from '../../test/mime.js';
import {
  MAIL_LOCALES,
  MAIL_TEMPLATES,
  renderMail,
  resolveMailLocale,
  type MailTemplate,
  type MailVars,
} from './templates/index.js';

const branding = { tenantName: 'Gemeente Súdwest-Fryslân', brandColor: '#21468B', supportEmail: 'support@sudwest.example' };
const occurredAt = new Date('2026-03-14T14:30:00Z');

/** One set of variables per template, each link distinct so a test can tell them apart. */
const samples: { [T in MailTemplate]: MailVars<T> } = {
  'account-invitation': {
    ...branding,
    recipientName: 'Jan Jansen',
    activationUrl: 'https://portal.example/portal/activate?token=inv-1',
    validForMinutes: 7 * 24 * 60,
  },
  'password-reset': { ...branding, resetUrl: 'https://portal.example/portal/reset-password?token=rst-2', validForMinutes: 30 },
  'email-change-confirmation': {
    ...branding,
    newEmail: 'jan.nieuw@example.nl',
    confirmUrl: 'https://portal.example/portal/confirm-email?token=eml-3',
    validForMinutes: 30,
  },
  'email-change-notice': { ...branding, recipientName: 'Jan', newEmail: 'jan.nieuw@example.nl' },
  'data-export-ready': {
    ...branding,
    downloadUrl: 'https://portal.example/portal/downloads/exp-4',
    validForMinutes: 30 * 24 * 60,
  },
  'account-closure-confirmation': {
    ...branding,
    confirmUrl: 'https://portal.example/portal/close-account?token=cls-5',
    validForMinutes: 60,
  },
  'account-closed': { ...branding },
  'mfa-disabled': { ...branding, occurredAt },
  'password-changed': { ...branding, occurredAt },
  'delegation-granted': {
    ...branding,
    companyName: 'Bakkerij Bakker B.V.',
    scopes: ['VIEW_INVOICES_ORDERS', 'SUBMIT_REQUESTS'],
    validFrom: occurredAt,
    validUntil: null,
    hasAccount: true,
    portalUrl: 'https://portal.example/portal/',
  },
};

const linkOf = (vars: object): string | undefined =>
  Object.entries(vars).find(([key]) => key.endsWith('Url'))?.[1] as string | undefined;

describe('renderMail', () => {
  for (const template of MAIL_TEMPLATES) {
    for (const locale of MAIL_LOCALES) {
      it(`renders ${template} in ${locale} with subject, text, HTML and its link`, () => {
        const vars = samples[template] as MailVars<typeof template>;
        const mail = renderMail(template, locale, vars);
        expect(mail).toMatchObject({ template, locale });
        expect(mail.subject.trim()).not.toBe('');
        expect(mail.text).toContain(branding.tenantName);
        expect(mail.html).toContain(`<html lang="${locale}">`);
        expect(mail.html).toContain('Gemeente Súdwest-Fryslân');
        const link = linkOf(vars);
        if (link) {
          expect(mail.text.split('\n')).toContain(link); // on a line of its own, so clients make it clickable
          expect(mail.html).toContain(`href="${link}"`);
        }
        if ('newEmail' in vars) expect(mail.text).toContain(vars.newEmail);
      });
    }
    it(`${template} differs between Dutch and English`, () => {
      const vars = samples[template] as MailVars<typeof template>;
      expect(renderMail(template, 'nl', vars).subject).not.toBe(renderMail(template, 'en', vars).subject);
    });
  }

  it('escapes every variable in the HTML but keeps the plain text literal', () => {
    const mail = renderMail('email-change-notice', 'nl', {
      tenantName: '<script>alert("t")</script>',
      recipientName: 'Eve <img src=x onerror=alert(1)>',
      newEmail: '"><b>x</b>@evil.example',
      supportEmail: 'a&b@example.nl',
    });
    expect(mail.html).not.toMatch(/<script|<img|<b>/);
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('Eve &lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('&quot;&gt;&lt;b&gt;x&lt;/b&gt;@evil.example');
    expect(mail.html).toContain('a&amp;b@example.nl');
    expect(mail.text).toContain('<script>alert("t")</script>');
  });

  it('escapes link query strings inside href and refuses non-web links', () => {
    const mail = renderMail('password-reset', 'en', {
      ...branding,
      resetUrl: 'https://p.example/r?token=a&lang=en',
      validForMinutes: 30,
    });
    expect(mail.html).toContain('href="https://p.example/r?token=a&amp;lang=en"');
    expect(() =>
      renderMail('password-reset', 'en', { ...branding, resetUrl: 'javascript:alert(1)', validForMinutes: 30 }),
    ).toThrow(/http\(s\)/);
  });

  it('states the link validity the caller passes, in the reader’s language', () => {
    expect(renderMail('password-reset', 'nl', samples['password-reset']).text).toContain('30 minuten geldig');
    expect(renderMail('password-reset', 'en', samples['password-reset']).text).toContain('valid for 30 minutes');
    expect(renderMail('account-invitation', 'nl', samples['account-invitation']).text).toContain('7 dagen geldig');
    expect(renderMail('account-invitation', 'en', samples['account-invitation']).text).toContain('valid for 7 days');
    expect(renderMail('data-export-ready', 'nl', samples['data-export-ready']).text).toContain('30 dagen geldig');
    expect(renderMail('account-closure-confirmation', 'en', samples['account-closure-confirmation']).text).toContain('1 hour');
  });

  it('shows security-notice times in Dutch time', () => {
    expect(renderMail('mfa-disabled', 'nl', samples['mfa-disabled']).text).toContain('14 maart 2026 om 15:30');
    expect(renderMail('password-changed', 'en', samples['password-changed']).text).toContain('14 March 2026');
  });

  it('uses a valid brand colour and ignores anything that is not a hex colour', () => {
    const yellow = renderMail('account-closed', 'nl', { tenantName: 'Geel', brandColor: '#fc0' });
    expect(yellow.html).toContain('background-color:#FFCC00;color:#1A1A1A');
    const hostile = renderMail('account-closed', 'nl', {
      tenantName: 'X',
      brandColor: 'red;background:url(https://evil.example/x)',
    });
    expect(hostile.html).not.toContain('evil.example');
    expect(hostile.html).toContain('background-color:#21468B;color:#FFFFFF');
  });

  it('greets by name when known, generically otherwise', () => {
    expect(renderMail('account-closed', 'nl', { tenantName: 'T', recipientName: 'Jan' }).text).toContain('Beste Jan,');
    expect(renderMail('account-closed', 'nl', { tenantName: 'T' }).text).toContain('Beste klant,');
    expect(renderMail('account-closed', 'en', { tenantName: 'T', recipientName: null }).text).toContain('Hello,');
  });

  it('falls back to Dutch for unknown or missing locales and reads regional variants', () => {
    expect(resolveMailLocale('de')).toBe('nl');
    expect(resolveMailLocale(undefined)).toBe('nl');
    expect(resolveMailLocale('')).toBe('nl');
    expect(resolveMailLocale('nl_BE')).toBe('nl');
    expect(resolveMailLocale('en-GB')).toBe('en');
    expect(resolveMailLocale('EN')).toBe('en');
    const fallback = renderMail('password-reset', 'fr', samples['password-reset']);
    expect(fallback.locale).toBe('nl');
    expect(fallback.subject).toBe(renderMail('password-reset', 'nl', samples['password-reset']).subject);
  });
});

describe('the test MIME reader (test/mime.ts)', () => {
  // The mail tests trust this reader; a known message proves it decodes rather than passes through.
  it('decodes split encoded words, quoted-printable soft breaks and base64 parts', () => {
    const raw = [
      'Subject: =?UTF-8?Q?Caf=C3=A9_?= =?UTF-8?B?ZMOpasOg?=',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Caf=C3=A9 lang=',
      'e regel',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<p>Café</p>').toString('base64'),
      '--b1--',
      '',
    ].join('\r\n');
    const parsed = parseMail(raw);
    expect(parsed.subject).toBe('Café déjà');
    expect(parsed.text).toBe('Café lange regel');
    expect(parsed.html).toBe('<p>Café</p>');
  });
});
