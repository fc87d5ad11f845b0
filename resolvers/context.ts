import type { Principal } from '../domain/principal.js';
import type { RequestUpstreamGuard } from '../nextcloud/upstream-guard.js';
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
    /** Absolute base URL of this gateway as the client sees it (the tenant's host it was reached on), for links in answers. */
    publicUrl: string;
    /** The tenant's own address (custom domain, subdomain or PUBLIC_URL), for links in mails; publicUrl when absent. */
    tenantUrl?: string;
    origin: string | null;
  };
  http: {
    /** Sets an HttpOnly session cookie; omit maxAge for a browser-session cookie. */
    setCookie(name: string, value: string, maxAgeSeconds?: number): void;
    clearCookie(name: string): void;
  };
  /**
   * This request's budget of Nextcloud calls and its principal's bulkhead (issue 10, item 2).
   * Set by the gateway; absent where no edge is involved (jobs, CLIs, resolver tests).
   */
  upstream?: RequestUpstreamGuard;
}
