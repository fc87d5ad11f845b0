import type { Principal } from '../domain/principal.js';
import type { Services } from '../domain/services.js';
import type { Tenant } from '../domain/tenants/tenant-directory.js';

/**
 * What every resolver receives. Built per request by the gateway (gateway/context.ts): the
 * resolved tenant, who is calling, the domain services, request facts the audit trail needs, and
 * cookie setters whose attributes (SameSite, Secure, Partitioned) the gateway decides. Per-request
 * loaders hang off it too, so nothing user-specific outlives the request.
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
    origin: string | null;
  };
  http: {
    /** Sets an HttpOnly session cookie; omit maxAge for a browser-session cookie. */
    setCookie(name: string, value: string, maxAgeSeconds?: number): void;
    clearCookie(name: string): void;
  };
}
