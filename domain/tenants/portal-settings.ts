/**
 * What a tenant admin configures about their portal (CONTRACT.md TenantConfigInput). Until the
 * first save a tenant gets `defaultPortalSettings`: the seed's cobalt branding, every feature on,
 * both modes, widget off, MFA optional, 8-hour sessions, Dutch texts, retention from the end of
 * the fiscal year.
 */
export const FEATURES = ['INVOICES', 'CONTRACTS', 'ORDERS', 'REQUESTS', 'DOCUMENTS', 'PROFILE'] as const;
export type Feature = (typeof FEATURES)[number];

/** Languages the portal's server-side texts (widget refusal page, mails) exist in; Dutch first. */
export const PORTAL_LANGUAGES = ['nl', 'en'] as const;
export type PortalLanguage = (typeof PORTAL_LANGUAGES)[number];

/**
 * Where the 7 years of fiscal retention start (domain/avg/retention-policy.ts). AWR art. 52(4)
 * keeps the administration 7 years but does not say from when. FISCAL_YEAR_END is the cautious
 * reading and the default: from the end of the fiscal year of the newest fiscal record, taken as
 * 31 December in the tenant's time zone (Pipelinq holds no fiscal year of its own). RECORD_DATE
 * counts from the record's date, to the day.
 */
export const RETENTION_BASES = ['FISCAL_YEAR_END', 'RECORD_DATE'] as const;
export type RetentionBasis = (typeof RETENTION_BASES)[number];

export interface PortalSettings {
  displayName: string;
  primaryColor: string;
  secondaryColor: string;
  backgroundColor: string;
  logo: { mimeType: string; sha256: string } | null;
  favicon: { mimeType: string; sha256: string } | null;
  customDomain: string | null;
  subdomain: string | null;
  supportEmail: string | null;
  supportPhone: string | null;
  /** The From name of the tenant's mails; null = the display name. */
  mailSenderName: string | null;
  /** The From address of the tenant's mails; null = MAIL_FROM (or no-reply@<PUBLIC_URL's host>). */
  mailSenderAddress: string | null;
  enabledFeatures: Feature[];
  b2bEnabled: boolean;
  b2cEnabled: boolean;
  widgetEnabled: boolean;
  widgetAllowedOrigins: string[];
  mfaRequired: boolean;
  /**
   * Whether a B2B account may invite a colleague (another contact of its company in Pipelinq)
   * who has no account yet, through the same invitation flow as an admin (issue 16). Off by default.
   */
  colleagueInvitesEnabled: boolean;
  sessionTtlHours: number;
  dpoGroup: string;
  language: PortalLanguage;
  /**
   * Data exports (Art. 15) include the internal request notes about the person. A tenant may
   * leave them out only by stating its ground here (e.g. Art. 15(4): the rights of others); the
   * export's README quotes it. null = internal notes are exported.
   */
  internalNotesExportExclusion: string | null;
  /** Where the retention cleanup starts counting the 7 years. */
  retentionBasis: RetentionBasis;
  /**
   * The tenant's payment page for an open invoice, an https URL with placeholders (see
   * domain/tenants/config/payment-url.ts). Pipelinq has no payment link of its own; null = no
   * "Pay" button.
   */
  paymentUrlTemplate: string | null;
  /**
   * The request category a contract cancellation is filed under; null = none (the request then
   * has no category). Pipelinq has no cancellation entity: a request is how customers ask.
   */
  contractCancellationCategory: string | null;
}

export function defaultPortalSettings(): PortalSettings {
  return {
    displayName: 'Klantportaal',
    primaryColor: '#21468B',
    secondaryColor: '#FFFFFF',
    backgroundColor: '#FFFFFF',
    logo: null,
    favicon: null,
    customDomain: null,
    subdomain: null,
    supportEmail: null,
    supportPhone: null,
    mailSenderName: null,
    mailSenderAddress: null,
    enabledFeatures: [...FEATURES],
    b2bEnabled: true,
    b2cEnabled: true,
    widgetEnabled: false,
    widgetAllowedOrigins: [],
    mfaRequired: false,
    colleagueInvitesEnabled: false,
    sessionTtlHours: 8,
    dpoGroup: 'dpo',
    language: 'nl',
    internalNotesExportExclusion: null,
    retentionBasis: 'FISCAL_YEAR_END',
    paymentUrlTemplate: null,
    contractCancellationCategory: null,
  };
}
