import type { Feature } from './portal-settings.js';
import type { Tenant } from './tenant-directory.js';

/**
 * Whether a tenant has a part of the portal switched on. GraphQL fields use the shield rule
 * `featureEnabled` (resolvers/rules.ts); REST and download routes ask this and answer 404 when
 * it says no, so a switched-off feature looks the same everywhere: as if it did not exist.
 */
export function isFeatureEnabled(tenant: Pick<Tenant, 'portal'>, feature: Feature): boolean {
  return tenant.portal.enabledFeatures.includes(feature);
}

/** Whether accounts of a type may use the tenant's portal (B2B and B2C mode). */
export function isAccountModeEnabled(tenant: Pick<Tenant, 'portal'>, accountType: 'B2B' | 'B2C'): boolean {
  return accountType === 'B2B' ? tenant.portal.b2bEnabled : tenant.portal.b2cEnabled;
}
