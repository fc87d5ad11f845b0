/**
 * Which tenant a request is for. The tenant always comes from the request's address or an
 * explicit selector — never from a customer's input inside a query — and an unknown tenant is a
 * 404, so nobody gets a silently defaulted portal.
 *
 * Order: the host as a tenant's custom domain; the host's first label as a tenant's subdomain;
 * `?tenant=` (the widget's iframe URL); the `X-Portal-Tenant` header (partner systems); the
 * default tenant. An explicit selector that names no tenant is an error, not a fall-through.
 */
export interface TenantLookup {
  exists(tenantId: string): boolean;
  byCustomDomain(host: string): string | undefined;
  bySubdomain(label: string): string | undefined;
}

export interface TenantSelectors {
  host?: string | null;
  queryTenant?: string | null;
  headerTenant?: string | null;
}

export type TenantResolution =
  | { ok: true; tenantId: string; via: 'custom-domain' | 'subdomain' | 'query' | 'header' | 'default' }
  | { ok: false; reason: string };

/** Lower-cases the host and drops the port; IP literals and single-label hosts have no subdomain. */
export function normaliseHost(host: string | null | undefined): string | null {
  if (!host) return null;
  const trimmed = host.trim().toLowerCase();
  const withoutPort = trimmed.startsWith('[') ? trimmed.slice(0, trimmed.indexOf(']') + 1) : trimmed.replace(/:\d+$/, '');
  return withoutPort.replace(/\.$/, '') || null;
}

const isIpLiteral = (host: string) => host.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);

export function resolveTenant(selectors: TenantSelectors, lookup: TenantLookup, defaultTenant: string): TenantResolution {
  const host = normaliseHost(selectors.host);
  if (host) {
    const byDomain = lookup.byCustomDomain(host);
    if (byDomain) return { ok: true, tenantId: byDomain, via: 'custom-domain' };
    const labels = host.split('.');
    if (!isIpLiteral(host) && labels.length >= 3) {
      const bySubdomain = lookup.bySubdomain(labels[0]!);
      if (bySubdomain) return { ok: true, tenantId: bySubdomain, via: 'subdomain' };
    }
  }
  for (const [value, via] of [
    [selectors.queryTenant, 'query'],
    [selectors.headerTenant, 'header'],
  ] as const) {
    const requested = value?.trim();
    if (!requested) continue;
    return lookup.exists(requested)
      ? { ok: true, tenantId: requested, via }
      : { ok: false, reason: `no tenant "${requested.slice(0, 64)}"` };
  }
  return lookup.exists(defaultTenant)
    ? { ok: true, tenantId: defaultTenant, via: 'default' }
    : { ok: false, reason: 'the default tenant is not configured' };
}
