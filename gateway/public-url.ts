import type { Tenant } from '../domain/tenants/tenant-directory.js';
import { normaliseHost } from './tenant-resolution.js';

/**
 * Absolute URLs for a tenant. PUBLIC_URL is the gateway's own address; a tenant with a custom
 * domain or subdomain is also (and preferably) reached on that host. Asset and download URLs in
 * answers must be on the host the page was loaded from — the page's CSP allows `img-src 'self'`
 * only — and links in mails should lead to the tenant's own address. Both keep PUBLIC_URL's scheme
 * and port: the same TLS-terminating proxy is expected to serve every host (README, "Custom domains").
 */

/** The tenant's own address: its custom domain, else `<subdomain>.<PUBLIC_URL's host>`, else PUBLIC_URL. */
export function tenantPublicUrl(tenant: Tenant, publicUrl: string): string {
  const base = new URL(publicUrl);
  const host = tenant.portal.customDomain ?? (tenant.portal.subdomain ? `${tenant.portal.subdomain}.${base.hostname}` : null);
  if (!host) return publicUrl.replace(/\/+$/, '');
  return `${base.protocol}//${host}${base.port ? `:${base.port}` : ''}`;
}

/**
 * The address a request reached `tenant` on, when that host is one of the tenant's own (custom
 * domain or subdomain); PUBLIC_URL otherwise. The Host header is trusted only that far: a host that
 * does not belong to the tenant never ends up in a URL.
 */
export function requestPublicUrl(hostHeader: string | null | undefined, tenant: Tenant, publicUrl: string): string {
  const host = normaliseHost(hostHeader);
  if (!host || !hostHeader) return publicUrl;
  const gatewayHost = new URL(publicUrl).hostname;
  const tenantsOwn =
    host === tenant.portal.customDomain ||
    (tenant.portal.subdomain !== null && host === `${tenant.portal.subdomain}.${gatewayHost}`);
  if (!tenantsOwn) return publicUrl;
  try {
    return new URL(`${new URL(publicUrl).protocol}//${hostHeader.trim().toLowerCase()}`).origin;
  } catch {
    return publicUrl;
  }
}
