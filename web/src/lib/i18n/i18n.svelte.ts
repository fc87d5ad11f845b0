import type { ApiError } from '../errors';
import { en } from './en';
import { nl, type MessageKey } from './nl';

export type { MessageKey } from './nl';
export type Language = 'nl' | 'en';
export const LANGUAGES: readonly Language[] = ['nl', 'en'];

const dictionaries: Record<Language, Record<MessageKey, string>> = { nl, en };
/** The switcher's choice lives as long as the browser tab, not in the account. */
const CHOICE_KEY = 'portal-language';

function fromTag(tag: string | null | undefined): Language | null {
  const primary = tag?.toLowerCase().split('-')[0];
  return primary === 'nl' || primary === 'en' ? primary : null;
}

function storedChoice(): Language | null {
  try {
    return fromTag(sessionStorage.getItem(CHOICE_KEY));
  } catch {
    // storage blocked (e.g. a third-party frame): no remembered choice
    return null;
  }
}

function initialLanguage(): Language {
  return storedChoice() ?? fromTag(navigator.language) ?? 'nl';
}

class I18n {
  language = $state<Language>(initialLanguage());

  /** The header's switcher: remembered for this tab. */
  choose(language: Language): void {
    this.language = language;
    try {
      sessionStorage.setItem(CHOICE_KEY, language);
    } catch {
      // not remembered; the choice still applies to this page
    }
  }

  /**
   * The signed-in account's locale (NL / EN). At sign-in (and when the person saves it in their
   * profile) it wins; when a page load finds an existing session, a language picked with the
   * switcher in this tab is kept.
   */
  useAccountLocale(locale: string, options: { override: boolean }): void {
    const language = fromTag(locale);
    if (!language) return;
    if (!options.override && storedChoice()) return;
    this.choose(language);
  }
}

export const i18n = new I18n();

/** The message in the current language; reading `i18n.language` makes callers reactive. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = dictionaries[i18n.language][key] ?? nl[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Whether a key exists: status values come from Nextcloud and may be new to us. */
export function hasMessage(key: string): key is MessageKey {
  return key in nl;
}

/** A wait such as "4 minuten" from a number of seconds, rounded up to whole minutes past one. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? t('duration.second') : t('duration.seconds', { count: seconds });
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? t('duration.minute') : t('duration.minutes', { count: minutes });
}

/** The friendly text for an API error, with the real wait for lockouts and rate limits. */
export function errorMessage(error: ApiError): string {
  const wait = formatWait(error.retryAfter ?? 60);
  return t(`error.${error.code}`, { wait });
}
