import { readableTextOn } from '../../core/contrast.js';
import type { Tenant } from '../../domain/tenants/tenant-directory.js';
import { Feature } from '../../schema/portal/feature.enum.js';
import type { TenantConfig } from '../../schema/tenants/tenant-config.type.js';

/** Where the asset route (gateway/assets.ts) serves a tenant's current logo or favicon. */
export function portalAssetUrl(publicUrl: string, tenant: Tenant, kind: 'logo' | 'favicon'): string | null {
  const asset = tenant.portal[kind];
  return asset ? `${publicUrl}/portal/assets/${encodeURIComponent(tenant.id)}/${kind}/${asset.sha256}` : null;
}

export function toTenantConfig(tenant: Tenant, publicUrl: string): TenantConfig {
  const settings = tenant.portal;
  return {
    tenantId: tenant.id,
    displayName: settings.displayName,
    primaryColor: settings.primaryColor,
    secondaryColor: settings.secondaryColor,
    backgroundColor: settings.backgroundColor,
    onPrimaryColor: readableTextOn(settings.primaryColor),
    onSecondaryColor: readableTextOn(settings.secondaryColor),
    logoUrl: portalAssetUrl(publicUrl, tenant, 'logo'),
    faviconUrl: portalAssetUrl(publicUrl, tenant, 'favicon'),
    customDomain: settings.customDomain,
    subdomain: settings.subdomain,
    supportEmail: settings.supportEmail,
    supportPhone: settings.supportPhone,
    enabledFeatures: settings.enabledFeatures.map((feature) => Feature[feature]),
    b2bEnabled: settings.b2bEnabled,
    b2cEnabled: settings.b2cEnabled,
    widgetEnabled: settings.widgetEnabled,
    widgetAllowedOrigins: [...settings.widgetAllowedOrigins],
    widgetUrl: `${publicUrl}/portal/widget?tenant=${encodeURIComponent(tenant.id)}`,
    mfaRequired: settings.mfaRequired,
    sessionTtlHours: settings.sessionTtlHours,
    dpoGroup: settings.dpoGroup,
    language: settings.language,
    isDefault: !tenant.portalSaved,
    savedBy: tenant.portalSavedBy,
    savedAt: tenant.portalSavedAt,
  };
}
