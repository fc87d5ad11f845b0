import { graphql } from '../../gql';
import type { AdminTenantConfigFragment, Feature, TenantConfigInput } from '../../gql/graphql';
import { mutate, query } from './run';

graphql(`
  fragment AdminTenantConfig on TenantConfig {
    tenantId
    isDefault
    savedAt
    savedBy
    displayName
    primaryColor
    secondaryColor
    backgroundColor
    onPrimaryColor
    onSecondaryColor
    logoUrl
    faviconUrl
    customDomain
    subdomain
    supportEmail
    supportPhone
    mailSenderName
    mailSenderAddress
    paymentUrlTemplate
    contractCancellationCategory
    enabledFeatures
    b2bEnabled
    b2cEnabled
    widgetEnabled
    widgetAllowedOrigins
    widgetUrl
    mfaRequired
    colleagueInvitesEnabled
    sessionTtlHours
    dpoGroup
    language
    retentionBasis
  }
`);

const TenantConfigQuery = graphql(`
  query AdminTenantConfig($tenantId: ID!) {
    tenantConfig(tenantId: $tenantId) {
      ...AdminTenantConfig
    }
  }
`);

const SaveTenantConfig = graphql(`
  mutation SaveTenantConfig($tenantId: ID!, $input: TenantConfigInput!) {
    saveTenantConfig(tenantId: $tenantId, input: $input) {
      ...AdminTenantConfig
    }
  }
`);

export type TenantConfig = AdminTenantConfigFragment;

export const FEATURES: readonly Feature[] = ['INVOICES', 'ORDERS', 'CONTRACTS', 'REQUESTS', 'DOCUMENTS', 'PROFILE'];
export const CONFIG_LANGUAGES = ['nl', 'en'] as const;
/** Where the 7 years of fiscal retention start (TenantConfig.retentionBasis; the gateway checks the value). */
export const RETENTION_BASES = ['FISCAL_YEAR_END', 'RECORD_DATE'] as const;

/** Upload limits of TenantConfigInput (decoded bytes); the gateway checks them again, and the type. */
export const IMAGE_RULES = {
  logo: { maxBytes: 512 * 1024, types: ['image/png', 'image/jpeg', 'image/webp', 'image/x-icon', 'image/vnd.microsoft.icon'] },
  favicon: { maxBytes: 128 * 1024, types: ['image/x-icon', 'image/vnd.microsoft.icon', 'image/png', 'image/jpeg', 'image/webp'] },
} as const;
export type ImageKind = keyof typeof IMAGE_RULES;

/**
 * What the settings form edits. Text fields are strings ('' = none); an image is `undefined`
 * while unchanged, a data URL once a file is chosen, and null to remove it.
 */
export interface SettingsDraft {
  displayName: string;
  primaryColor: string;
  secondaryColor: string;
  backgroundColor: string;
  logo: string | null | undefined;
  favicon: string | null | undefined;
  customDomain: string;
  subdomain: string;
  supportEmail: string;
  supportPhone: string;
  mailSenderName: string;
  mailSenderAddress: string;
  paymentUrlTemplate: string;
  contractCancellationCategory: string;
  enabledFeatures: Feature[];
  b2bEnabled: boolean;
  b2cEnabled: boolean;
  widgetEnabled: boolean;
  widgetAllowedOrigins: string[];
  mfaRequired: boolean;
  colleagueInvitesEnabled: boolean;
  sessionTtlHours: number;
  dpoGroup: string;
  language: string;
  retentionBasis: string;
}

export function draftOf(config: TenantConfig): SettingsDraft {
  return {
    displayName: config.displayName,
    primaryColor: config.primaryColor,
    secondaryColor: config.secondaryColor,
    backgroundColor: config.backgroundColor,
    logo: undefined,
    favicon: undefined,
    customDomain: config.customDomain ?? '',
    subdomain: config.subdomain ?? '',
    supportEmail: config.supportEmail ?? '',
    supportPhone: config.supportPhone ?? '',
    mailSenderName: config.mailSenderName ?? '',
    mailSenderAddress: config.mailSenderAddress ?? '',
    paymentUrlTemplate: config.paymentUrlTemplate ?? '',
    contractCancellationCategory: config.contractCancellationCategory ?? '',
    enabledFeatures: [...config.enabledFeatures],
    b2bEnabled: config.b2bEnabled,
    b2cEnabled: config.b2cEnabled,
    widgetEnabled: config.widgetEnabled,
    widgetAllowedOrigins: [...config.widgetAllowedOrigins],
    mfaRequired: config.mfaRequired,
    colleagueInvitesEnabled: config.colleagueInvitesEnabled,
    sessionTtlHours: config.sessionTtlHours,
    dpoGroup: config.dpoGroup,
    language: config.language,
    retentionBasis: config.retentionBasis,
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * Only what the admin changed (TenantConfigInput keeps omitted fields). A cleared optional text
 * field is sent as null, which the gateway takes as "none"; so is a removed image.
 */
export function changesOf(draft: SettingsDraft, config: TenantConfig): TenantConfigInput {
  const input: TenantConfigInput = {};
  const text = (value: string) => value.trim();
  if (text(draft.displayName) !== config.displayName) input.displayName = text(draft.displayName);
  for (const field of ['primaryColor', 'secondaryColor', 'backgroundColor'] as const) {
    if (text(draft[field]).toUpperCase() !== config[field].toUpperCase()) input[field] = text(draft[field]);
  }
  for (const field of [
    'customDomain',
    'subdomain',
    'supportEmail',
    'supportPhone',
    'mailSenderName',
    'mailSenderAddress',
    'paymentUrlTemplate',
    'contractCancellationCategory',
  ] as const) {
    const value = text(draft[field]);
    if (value !== (config[field] ?? '')) input[field] = value || null;
  }
  if (draft.logo !== undefined) input.logo = draft.logo;
  if (draft.favicon !== undefined) input.favicon = draft.favicon;
  if (!sameList(draft.enabledFeatures, config.enabledFeatures)) input.enabledFeatures = [...draft.enabledFeatures];
  for (const field of ['b2bEnabled', 'b2cEnabled', 'widgetEnabled', 'mfaRequired', 'colleagueInvitesEnabled'] as const) {
    if (draft[field] !== config[field]) input[field] = draft[field];
  }
  const origins = draft.widgetAllowedOrigins.map(text).filter(Boolean);
  if (!sameList(origins, config.widgetAllowedOrigins)) input.widgetAllowedOrigins = origins;
  if (draft.sessionTtlHours !== config.sessionTtlHours) input.sessionTtlHours = draft.sessionTtlHours;
  if (text(draft.dpoGroup) !== config.dpoGroup) input.dpoGroup = text(draft.dpoGroup);
  if (draft.language !== config.language) input.language = draft.language;
  if (draft.retentionBasis !== config.retentionBasis) input.retentionBasis = draft.retentionBasis;
  return input;
}

export async function loadTenantConfig(tenantId: string): Promise<TenantConfig> {
  return (await query(TenantConfigQuery, { tenantId })).tenantConfig;
}

export async function saveTenantConfig(tenantId: string, input: TenantConfigInput): Promise<TenantConfig> {
  return (await mutate(SaveTenantConfig, { tenantId, input })).saveTenantConfig;
}

/** The `<iframe>` a tenant puts on an allowed website (the widget page reports its height to it). */
export function iframeSnippet(widgetUrl: string, title: string): string {
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${escape(widgetUrl)}" title="${escape(title)}" width="100%" height="720" style="border:0" loading="lazy"></iframe>`;
}
