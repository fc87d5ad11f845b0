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

/** A mail's HTML as the lines a reader sees: tags become line breaks, entities are decoded. */
function visibleLines(html: string): string[] {
  const decoded = html
    .replace(/<head>[\s\S]*<\/head>/, (head) => head.replace(/<(?!\/?title)[^>]*>/g, ''))
    .replace(/<[^>]*>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return decoded
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The plain text's blocks (separated by blank lines) before the "-- " signature, and the signature's lines. */
function textParts(text: string): { blocks: string[]; signature: string[] } {
  const [body, signature] = text.split('\n\n-- \n');
  return { blocks: body!.split('\n\n'), signature: signature?.trimEnd().split('\n') ?? [] };
}

const withoutSupport = <T extends MailTemplate>(vars: MailVars<T>): MailVars<T> => ({ ...vars, supportEmail: null });

describe('the layout around every mail', () => {
  for (const template of MAIL_TEMPLATES) {
    for (const locale of MAIL_LOCALES) {
      it(`${template} (${locale}): the HTML part says what the plain text says, and nothing else but the subject and the copy-link hint`, () => {
        for (const vars of [samples[template], withoutSupport(samples[template])] as Array<MailVars<typeof template>>) {
          const mail = renderMail(template, locale, vars);
          const textLines = new Set(
            mail.text
              .split('\n')
              .map((line) => line.trim().replace(/:$/, '')) // "Activate account:" above the URL is the button
              .filter((line) => line && line !== '--'),
          );
          const htmlLines = visibleLines(mail.html);
          for (const line of textLines) expect(htmlLines, line).toContain(line);
          const onlyInHtml = htmlLines.filter((line) => !textLines.has(line) && line !== mail.subject);
          expect(onlyInHtml).toHaveLength(linkOf(vars) ? 1 : 0);
          expect(`${mail.text}${mail.html}`).not.toMatch(/undefined|null/);
        }
      });
    }
  }

  it('ends the plain text with a standard "-- " signature: the tenant, its support address when it has one, the no-reply note', () => {
    const withAddress = textParts(renderMail('account-closed', 'en', samples['account-closed']).text);
    expect(withAddress.signature).toHaveLength(3);
    expect(withAddress.signature[0]).toBe(branding.tenantName);
    expect(withAddress.signature[1]).toContain(branding.supportEmail);
    const without = textParts(renderMail('account-closed', 'en', withoutSupport(samples['account-closed'])).text);
    expect(without.signature).toHaveLength(2);
    expect(without.signature[0]).toBe(branding.tenantName);
    expect(without.signature[1]).toBe(withAddress.signature[2]);
  });

  it('shows the link as a button and once more as a bare URL to copy', () => {
    const mail = renderMail('password-reset', 'en', samples['password-reset']);
    const link = samples['password-reset'].resetUrl;
    expect(mail.html.split(`href="${link}"`)).toHaveLength(3);
    expect(mail.html).toContain(`>${link}</a>`);
    expect(mail.html).toMatch(/<a href="[^"]+" style="display:inline-block;background-color:#21468B;[^"]*">[^<]+<\/a>/);
  });

  it('colours body links with the brand only when they stay readable on white', () => {
    const link = (brandColor: string) =>
      /<a href="[^"]+" style="color:(#[0-9A-F]{6});word-break/.exec(
        renderMail('password-reset', 'nl', { ...samples['password-reset'], brandColor }).html,
      )?.[1];
    expect(link('#006400')).toBe('#006400'); // dark green on white: 7.4:1
    expect(link('#FFCC00')).toBe('#21468B'); // yellow on white is unreadable: the default cobalt
  });

  it('accepts http links (a gateway on localhost) and refuses relative or scheme-less ones', () => {
    const reset = (resetUrl: string) => renderMail('password-reset', 'en', { ...samples['password-reset'], resetUrl });
    expect(reset('http://localhost:4000/portal/reset-password?token=x').html).toContain(
      'href="http://localhost:4000/portal/reset-password?token=x"',
    );
    expect(reset('HTTPS://PORTAL.EXAMPLE/r').text).toContain('HTTPS://PORTAL.EXAMPLE/r');
    expect(() => reset('/portal/reset-password?next=https://evil.example')).toThrow('Mail links must be http(s) URLs');
    expect(() => reset('portal.example/reset-password')).toThrow('Mail links must be http(s) URLs');
  });

  it('keeps an apostrophe in a name, escaped in the HTML', () => {
    const mail = renderMail('account-closed', 'en', { tenantName: "Gemeente 's-Hertogenbosch", recipientName: "D'Arcy" });
    expect(mail.html).toContain('Dear D&#39;Arcy,');
    expect(mail.html).toContain('Gemeente &#39;s-Hertogenbosch');
    expect(mail.text).toContain("Dear D'Arcy,");
  });
});

describe('what each mail tells its reader', () => {
  const validity: Record<number, Record<'nl' | 'en', string>> = {
    30: { nl: '30 minuten', en: '30 minutes' },
    60: { nl: '1 uur', en: '1 hour' },
    [7 * 24 * 60]: { nl: '7 dagen', en: '7 days' },
    [30 * 24 * 60]: { nl: '30 dagen', en: '30 days' },
  };

  for (const locale of MAIL_LOCALES) {
    it(`(${locale}) explains itself in a paragraph after the greeting, before any button`, () => {
      for (const template of MAIL_TEMPLATES) {
        const { blocks } = textParts(renderMail(template, locale, samples[template] as MailVars<typeof template>).text);
        expect(blocks[3], template).toBeDefined();
        expect(blocks[3], template).not.toMatch(/https?:\/\//);
      }
    });

    it(`(${locale}) says how long every single-use link stays valid, after the link`, () => {
      for (const template of MAIL_TEMPLATES) {
        const vars = samples[template] as MailVars<typeof template> & { validForMinutes?: number };
        if (vars.validForMinutes === undefined) continue;
        const text = renderMail(template, locale, vars).text;
        expect(text.slice(text.indexOf(linkOf(vars)!)), template).toContain(validity[vars.validForMinutes]![locale]);
      }
    });

    it(`(${locale}) tells the reader of a security notice whom to contact: the support address, else the tenant`, () => {
      for (const template of ['email-change-notice', 'mfa-disabled', 'password-changed'] as const) {
        const { blocks } = textParts(renderMail(template, locale, samples[template] as MailVars<typeof template>).text);
        expect(blocks.slice(3).join('\n'), template).toContain(branding.supportEmail);
        const without = renderMail(template, locale, withoutSupport(samples[template] as MailVars<typeof template>));
        expect(textParts(without.text).blocks.at(-1), template).toContain(branding.tenantName);
        expect(without.text, template).not.toContain('undefined');
      }
    });

    it(`(${locale}) mentions revoked partner API tokens only when there were some, with their number`, () => {
      const without = textParts(renderMail('password-changed', locale, samples['password-changed']).text).blocks;
      const zero = textParts(
        renderMail('password-changed', locale, { ...samples['password-changed'], apiTokensRevoked: 0 }).text,
      );
      const three = textParts(
        renderMail('password-changed', locale, { ...samples['password-changed'], apiTokensRevoked: 3 }).text,
      );
      expect(zero.blocks).toEqual(without);
      expect(three.blocks).toHaveLength(without.length + 1);
      expect(three.blocks.filter((block) => !without.includes(block))).toEqual([expect.stringContaining('(3)')]);
    });

    it(`(${locale}) names a delegation's scopes in words, its end date, and what a grantee without account must do`, () => {
      const base = samples['delegation-granted'];
      const grant = (vars: Partial<MailVars<'delegation-granted'>>) =>
        renderMail('delegation-granted', locale, { ...base, ...vars });
      const contracts = grant({ scopes: ['VIEW_CONTRACTS'] }).text;
      const documents = grant({ scopes: ['VIEW_DOCUMENTS'] }).text;
      expect(contracts).not.toBe(documents);
      for (const text of [contracts, documents, grant({}).text]) expect(text).not.toMatch(/VIEW_|SUBMIT_/);
      expect(grant({ scopes: ['SOMETHING_NEW'] }).text).toContain('SOMETHING_NEW');

      const until = grant({ validUntil: new Date('2026-04-30T10:00:00Z') }).text;
      expect(until).toContain(locale === 'nl' ? '30 april 2026' : '30 April 2026');
      expect(until).toContain(locale === 'nl' ? '14 maart 2026' : '14 March 2026');

      const withAccount = grant({});
      const noAccount = grant({ hasAccount: false });
      expect(noAccount.text).not.toContain(base.portalUrl);
      expect(noAccount.html).not.toContain('href=');
      expect(textParts(noAccount.text).blocks[5]).not.toBe(textParts(withAccount.text).blocks[5]);
      expect(textParts(noAccount.text).blocks[5]).toContain(base.companyName);
      // After the button: how to end the access oneself (a note), then the signature.
      expect(textParts(withAccount.text).blocks).toHaveLength(8);
      expect(textParts(noAccount.text).blocks).toHaveLength(7);
    });
  }

  it('promises no portal part in either language when the tenant enabled none', () => {
    for (const locale of MAIL_LOCALES) {
      const { blocks } = textParts(
        renderMail('account-invitation', locale, { ...samples['account-invitation'], features: [] }).text,
      );
      expect(blocks[3], locale).toMatch(new RegExp(`${branding.tenantName}(?: customer portal)?\\.$`));
    }
  });

  it('notes the time zone of the times it shows', () => {
    expect(renderMail('mfa-disabled', 'nl', samples['mfa-disabled']).text).toContain('15:30 (Nederlandse tijd)');
    expect(renderMail('mfa-disabled', 'en', samples['mfa-disabled']).text).toContain('15:30 (Dutch time)');
  });

  it('reads a locale with stray whitespace', () => {
    expect(resolveMailLocale(' en ')).toBe('en');
    expect(resolveMailLocale(null)).toBe('nl');
  });
});
