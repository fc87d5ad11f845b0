import type { Feature } from '../../tenants/portal-settings.js';

/**
 * The mail templates and the variables each one needs. Adding a template means adding it to
 * `TemplateVars` and then to every language catalogue; the `Catalog` type makes a missing
 * translation a compile error rather than a blank mail.
 */

export const MAIL_LOCALES = ['nl', 'en'] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];
export const DEFAULT_MAIL_LOCALE: MailLocale = 'nl';

/** What every mail shows about the tenant whose portal sent it. */
export interface MailBranding {
  /** The tenant's portal display name ("Klantportaal" until configured). */
  tenantName: string;
  /** The tenant's primary colour (#RGB or #RRGGBB); anything else falls back to cobalt. */
  brandColor?: string | null;
  /** Where a worried customer can turn; shown in security notices and the footer. */
  supportEmail?: string | null;
  /**
   * The portal parts the tenant switched on (portal settings `enabledFeatures`), so a mail never
   * promises a page the customer cannot open. Absent: every feature.
   */
  features?: readonly Feature[] | null;
}

/** Minutes a single-use link stays valid; the caller passes its real TTL so the mail never lies. */
type Validity = { validForMinutes: number };
type Recipient = { recipientName?: string | null };

export interface TemplateVars {
  'account-invitation': Recipient & Validity & { activationUrl: string };
  'password-reset': Recipient & Validity & { resetUrl: string };
  /** Sent to the NEW address. */
  'email-change-confirmation': Recipient & Validity & { newEmail: string; confirmUrl: string };
  /** Sent to the OLD address, so a hijacked account does not change hands silently. */
  'email-change-notice': Recipient & { newEmail: string };
  'data-export-ready': Recipient & Validity & { downloadUrl: string };
  'account-closure-confirmation': Recipient & Validity & { confirmUrl: string };
  'account-closed': Recipient;
  'mfa-disabled': Recipient & { occurredAt: Date };
  /** `apiTokensRevoked`: partner API tokens the reset revoked (0 or absent: nothing said). */
  'password-changed': Recipient & { occurredAt: Date; apiTokensRevoked?: number };
  /**
   * To the grantee of a delegation (issue 16). `scopes` are DelegationScope names; `hasAccount`
   * false: the grant waits until an account with this address is activated.
   */
  'delegation-granted': Recipient & {
    companyName: string;
    scopes: string[];
    validFrom: Date;
    validUntil: Date | null;
    hasAccount: boolean;
    portalUrl: string;
  };
}

export type MailTemplate = keyof TemplateVars;
export const MAIL_TEMPLATES = [
  'account-invitation',
  'password-reset',
  'email-change-confirmation',
  'email-change-notice',
  'data-export-ready',
  'account-closure-confirmation',
  'account-closed',
  'mfa-disabled',
  'password-changed',
  'delegation-granted',
] as const satisfies readonly MailTemplate[];

/** The variables `renderMail` takes for template T: its own plus the tenant branding. */
export type MailVars<T extends MailTemplate> = TemplateVars[T] & MailBranding;

/**
 * A mail as plain structured text. Templates produce only this (no markup), and the layout
 * escapes every string once, so a variable can never inject HTML.
 */
export interface MailContent {
  subject: string;
  heading: string;
  paragraphs: string[];
  /** The one thing the mail asks the reader to do; rendered as a button plus the bare URL. */
  action?: { label: string; url: string };
  /** Smaller print after the action: validity, "ignore this if it was not you". */
  notes?: string[];
}

/** Locale-aware formatting the templates use, so the catalogues hold words only. */
export interface LocaleFormat {
  /** "30 minuten", "7 days". */
  validity(minutes: number): string;
  /** A date and time in the tenant's time zone (Europe/Amsterdam). */
  dateTime(date: Date): string;
  /** Who to contact: the tenant's support address, or its name when none is configured. */
  support: string;
  /** "a, b en c" / "a, b and c". */
  list(items: readonly string[]): string;
}

/** The words around every mail in one language. */
export interface LocaleChrome {
  greeting(recipientName: string | null | undefined): string;
  /** Shown above the bare URL, for readers whose client hides the button. */
  copyLink: string;
  /** Footer line: the mail was sent automatically and replies are not read. */
  automated: string;
  /** Footer line naming the support address; null when the tenant has none. */
  supportLine(supportEmail: string): string;
}

export type Catalog = {
  [T in MailTemplate]: (vars: MailVars<T>, format: LocaleFormat) => MailContent;
};

export interface RenderedMail {
  template: MailTemplate;
  locale: MailLocale;
  subject: string;
  text: string;
  html: string;
}
