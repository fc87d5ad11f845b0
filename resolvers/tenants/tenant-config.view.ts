import { readableTextOn } from '../../core/contrast.js';
import type { Tenant } from '../../domain/tenants/tenant-directory.js';
import { Feature } from '../../schema/portal/feature.enum.js';
import type { Portal } from '../../schema/portal/portal.type.js';
import type { TenantConfig } from '../../schema/tenants/tenant-config.type.js';

/** Where the asset route (gateway/assets.ts) serves a tenant's current logo or favicon. */
export function portalAssetUrl(publicUrl: string, tenant: Tenant, kind: 'logo' | 'favicon'): string | null {
  const asset = tenant.portal[kind];
  return asset ? `${publicUrl}/portal/assets/${encodeURIComponent(tenant.id)}/${kind}/${asset.sha256}` : null;
}

/** What anyone may see of a tenant's portal (the public `portal` query). */
export function toPublicPortal(tenant: Tenant, publicUrl: string): Portal {
  const settings = tenant.portal;
  return {
    tenantId: tenant.id,
    displayName: settings.displayName,
    primaryColor: settings.primaryColor,
    secondaryColor: settings.secondaryColor,
    backgroundColor: settings.backgroundColor,
    onPrimaryColor: readableTextOn(settings.primaryColor),
    logoUrl: portalAssetUrl(publicUrl, tenant, 'logo'),
    faviconUrl: portalAssetUrl(publicUrl, tenant, 'favicon'),
    enabledFeatures: settings.enabledFeatures.map((feature) => Feature[feature]),
    b2bEnabled: settings.b2bEnabled,
    b2cEnabled: settings.b2cEnabled,
    supportEmail: settings.supportEmail,
    supportPhone: settings.supportPhone,
    widgetEnabled: settings.widgetEnabled,
    mfaRequired: settings.mfaRequired,
  };
}

/** The admin's view: the public settings plus everything only the admin edits. */
export function toTenantConfig(tenant: Tenant, publicUrl: string): TenantConfig {
  const settings = tenant.portal;
  return {
    ...toPublicPortal(tenant, publicUrl),
    onSecondaryColor: readableTextOn(settings.secondaryColor),
    customDomain: settings.customDomain,
    subdomain: settings.subdomain,
    mailSenderName: settings.mailSenderName,
    mailSenderAddress: settings.mailSenderAddress,
    widgetAllowedOrigins: [...settings.widgetAllowedOrigins],
    widgetUrl: `${publicUrl}/portal/widget?tenant=${encodeURIComponent(tenant.id)}`,
    sessionTtlHours: settings.sessionTtlHours,
    colleagueInvitesEnabled: settings.colleagueInvitesEnabled,
    dpoGroup: settings.dpoGroup,
    language: settings.language,
    internalNotesExportExclusion: settings.internalNotesExportExclusion,
    retentionBasis: settings.retentionBasis,
    paymentUrlTemplate: settings.paymentUrlTemplate,
    contractCancellationCategory: settings.contractCancellationCategory,
    isDefault: !tenant.portalSaved,
    savedBy: tenant.portalSavedBy,
    savedAt: tenant.portalSavedAt,
  };
}
