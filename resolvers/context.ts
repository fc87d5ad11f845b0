import type { Principal } from '../domain/principal.js';
import type { Services } from '../domain/services.js';
import type { Tenant } from '../domain/tenants/tenant-directory.js';

/**
 * What every resolver receives. Built per request by the gateway: the resolved tenant, who is
 * calling, the domain services, and request facts the audit trail needs. Per-request loaders
 * hang off it too, so nothing user-specific outlives the request.
 */
export interface RequestContext {
  tenant: Tenant;
  principal: Principal;
  services: Services;
  request: {
    ip: string | null;
    userAgent: string | null;
    /** Absolute base URL of this gateway as the client sees it, for links in answers. */
    publicUrl: string;
  };
}
