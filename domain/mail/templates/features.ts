import { FEATURES, type Feature } from '../../tenants/portal-settings.js';
import type { MailBranding } from './types.js';

/**
 * The features a mail may mention, in the portal menu's order: the tenant's enabled ones, or all
 * of them when the caller named none (a preview, a test).
 */
export function offeredFeatures({ features }: Pick<MailBranding, 'features'>): Feature[] {
  return FEATURES.filter((feature) => !features || features.includes(feature));
}
