import { en, enChrome } from './en.js';
import { renderHtml, renderText } from './layout.js';
import { nl, nlChrome } from './nl.js';
import {
  DEFAULT_MAIL_LOCALE,
  MAIL_LOCALES,
  type Catalog,
  type LocaleChrome,
  type LocaleFormat,
  type MailContent,
  type MailLocale,
  type MailTemplate,
  type MailVars,
  type RenderedMail,
} from './types.js';

const languages: Record<MailLocale, { catalog: Catalog; chrome: LocaleChrome; intl: string; zoneNote: string }> = {
  nl: { catalog: nl, chrome: nlChrome, intl: 'nl-NL', zoneNote: 'Nederlandse tijd' },
  en: { catalog: en, chrome: enChrome, intl: 'en-GB', zoneNote: 'Dutch time' },
};

/**
 * The mail language for an account's locale. Accounts store what the profile form sent
 * ("nl", "nl_BE", "en-GB", "de"…): the language part decides, and anything we have no
 * translation for gets Dutch, the portal's default.
 */
export function resolveMailLocale(locale: string | null | undefined): MailLocale {
  const language = locale?.trim().toLowerCase().split(/[-_]/)[0];
  return MAIL_LOCALES.find((known) => known === language) ?? DEFAULT_MAIL_LOCALE;
}

function formatFor(locale: MailLocale, support: string): LocaleFormat {
  const { intl, zoneNote } = languages[locale];
  return {
    validity(minutes) {
      const [value, unit] =
        minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
      return new Intl.NumberFormat(intl, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
    },
    dateTime(date) {
      // Tenants are Dutch organisations, so times are shown in their zone whatever the language.
      const text = new Intl.DateTimeFormat(intl, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
      return `${text.format(date)} (${zoneNote})`;
    },
    support,
    list(items) {
      // The default style: a long conjunction, "a, b en c".
      return new Intl.ListFormat(intl).format(items);
    },
  };
}

/**
 * Renders one mail in the account's language: subject, plain text and HTML. Every variable is
 * treated as text (escaped in the HTML); links must be http(s).
 */
export function renderMail<T extends MailTemplate>(
  template: T,
  locale: MailLocale | (string & {}) | null | undefined,
  vars: MailVars<T>,
): RenderedMail {
  const resolved = resolveMailLocale(locale);
  const { catalog, chrome } = languages[resolved];
  const format = formatFor(resolved, vars.supportEmail || vars.tenantName);
  const build: (v: MailVars<T>, f: LocaleFormat) => MailContent = catalog[template];
  const content = build(vars, format);
  const input = { locale: resolved, chrome, branding: vars, recipientName: vars.recipientName, content };
  return { template, locale: resolved, subject: content.subject, text: renderText(input), html: renderHtml(input) };
}
