import { untrack } from 'svelte';
import type { ApiError } from '../errors';
import type { adminNl } from './admin-nl';
import type { MessageKey as CustomerKey } from './nl';

/** Every key of the portal's texts: the customer dictionary's and the admin panel's. */
export type MessageKey = CustomerKey | keyof typeof adminNl;
export type Language = 'nl' | 'en';
export const LANGUAGES: readonly Language[] = ['nl', 'en'];
type Dictionary = Partial<Record<MessageKey, string>>;
type Part = 'customer' | 'admin';

/**
 * The dictionaries are separate chunks: a visitor downloads the texts of the language on screen
 * only, and the admin panel's texts only when the panel is opened. `t()` stays synchronous: the
 * app waits for `i18n.ready()` before its first render, and a language switch takes effect once
 * the new texts have arrived (the previous language stays on screen until then).
 */
const LOADERS: Record<Part, Record<Language, () => Promise<Dictionary>>> = {
  customer: {
    nl: () => import('./nl').then((module) => module.nl),
    en: () => import('./en').then((module) => module.en),
  },
  admin: {
    nl: () => import('./admin-nl').then((module) => module.adminNl),
    en: () => import('./admin-en').then((module) => module.adminEn),
  },
};

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

/** A signed-out pick that the next sign-in saves to the account (see I18n.pick). */
const PICK_KEY = 'portal-language-picked';

function storedPick(): Language | null {
  try {
    return fromTag(sessionStorage.getItem(PICK_KEY));
  } catch {
    return null;
  }
}

function initialLanguage(): Language {
  return storedChoice() ?? fromTag(navigator.language) ?? 'nl';
}

class I18n {
  language = $state<Language>(initialLanguage());
  /** The texts loaded so far, per language; parts are merged in as they arrive. */
  texts = $state.raw<Record<Language, Dictionary>>({ nl: {}, en: {} });
  private parts = new Set<Part>(['customer']);
  private loading = new Map<string, Promise<void>>();
  /** The latest switch wins when two dictionaries arrive out of order. */
  private switchSeq = 0;
  /** The switch still waiting for its texts (plain, not state: reading it subscribes nobody). */
  private pendingSwitch: Promise<void> | null = null;

  private loadPart(part: Part, language: Language): Promise<void> {
    const id = `${part}:${language}`;
    let pending = this.loading.get(id);
    if (!pending) {
      pending = LOADERS[part][language]().then((dictionary) => {
        this.texts = { ...this.texts, [language]: { ...this.texts[language], ...dictionary } };
      });
      // A failed download may be tried again on the next switch or page.
      pending.catch(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  private loadLanguage(language: Language): Promise<void> {
    return Promise.all([...this.parts].map((part) => this.loadPart(part, language))).then(() => undefined);
  }

  /** The texts of the language on screen; the app renders once this has resolved. */
  ready(): Promise<void> {
    return this.loadLanguage(untrack(() => this.language));
  }

  /** The admin panel's texts, in the language on screen (and in any language chosen later). */
  useAdminTexts(): Promise<void> {
    this.parts.add('admin');
    // Called from templates ({#await}): reading the language must not make them re-run on a switch.
    return this.loadLanguage(untrack(() => this.language));
  }

  /** The header's switcher: remembered for this tab; shown once its texts have loaded. */
  choose(language: Language): Promise<void> {
    const seq = ++this.switchSeq;
    try {
      sessionStorage.setItem(CHOICE_KEY, language);
    } catch {
      // not remembered; the choice still applies to this page
    }
    const switched = this.loadLanguage(language).then(() => {
      if (seq === this.switchSeq) this.language = language;
    });
    this.pendingSwitch = switched;
    const done = () => {
      if (this.pendingSwitch === switched) this.pendingSwitch = null;
    };
    switched.then(done, done);
    return switched;
  }

  /**
   * Resolves once a language switch under way has its texts (at once when none is). A page that
   * appears together with a switch, as the page asked for does at sign-in in the account's
   * language, waits for it instead of showing a moment of the other language.
   */
  settled(): Promise<void> {
    return (this.pendingSwitch ?? Promise.resolve()).catch(() => undefined);
  }

  /**
   * A language the person picked with the switcher while signed out: the next sign-in sends it,
   * the gateway saves it to the account, and then it is spent (`pickSaved`). Kept for the tab, so
   * a reload of the sign-in page does not lose it.
   */
  picked = $state<Language | null>(storedPick());

  /** The switcher, signed out: shown now and saved to the account at the next sign-in. */
  pick(language: Language): Promise<void> {
    this.picked = language;
    try {
      sessionStorage.setItem(PICK_KEY, language);
    } catch {
      // not remembered across reloads; this page still sends it
    }
    return this.choose(language);
  }

  /** The account has the picked language now; later sign-ins follow the account again. */
  pickSaved(): void {
    this.picked = null;
    try {
      sessionStorage.removeItem(PICK_KEY);
    } catch {
      // nothing was remembered
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
    void this.choose(language);
  }
}

export const i18n = new I18n();

/** The message in the current language; reading `i18n.language` makes callers reactive. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = i18n.texts[i18n.language][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Whether a key exists: status values come from Nextcloud and may be new to us. */
export function hasMessage(key: string): key is MessageKey {
  return key in i18n.texts[i18n.language];
}

/**
 * The message for a count: `one` for exactly one, `other` (with `{count}`) for any other number.
 * Dutch and English, the portal's languages, have just these two plural forms.
 */
export function countText(
  count: number,
  one: MessageKey,
  other: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return t(count === 1 ? one : other, { ...params, count });
}

/** A wait such as "4 minuten" from a number of seconds, rounded up to whole minutes past one. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return countText(seconds, 'duration.second', 'duration.seconds');
  return countText(Math.ceil(seconds / 60), 'duration.minute', 'duration.minutes');
}

/** The friendly text for an API error, with the real wait for lockouts and rate limits. */
export function errorMessage(error: ApiError): string {
  const wait = formatWait(error.retryAfter ?? 60);
  return t(`error.${error.code}`, { wait });
}
