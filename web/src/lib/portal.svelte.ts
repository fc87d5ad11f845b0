import type { Feature } from '../gql/graphql';
import type { PortalInfo } from './api/bootstrap';

/** The tenant's public portal settings (branding, support contact, switched-on features). */
class PortalState {
  info = $state<PortalInfo | null>(null);

  get features(): readonly Feature[] {
    return this.info?.enabledFeatures ?? [];
  }

  has(feature: Feature): boolean {
    return this.features.includes(feature);
  }
}

export const portal = new PortalState();
