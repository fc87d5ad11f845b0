/**
 * Which tenant a request is for. The tenant always comes from the request's address or an
 * explicit selector — never from a customer's input inside a query — and an unknown tenant is a
 * 404, so nobody gets a silently defaulted portal.
 *
 * Order: the host as a tenant's custom domain; the host as `<subdomain>.<gateway host>` (the
 * gateway's own host names, from PUBLIC_URL); `?tenant=` (the widget's iframe URL); the
 * `X-Portal-Tenant` header (partner systems); the default tenant. An explicit selector that names
 * no tenant is an error, not a fall-through.
 *
 * A host that belongs to a tenant decides alone: `?tenant=` and `X-Portal-Tenant` may repeat that
 * tenant but not name another one (404). Otherwise a page on bakker.example could be made to run
 * another tenant's portal under bakker's origin, cookies and widget permissions. Selectors choose
 * freely only on hosts no tenant claims (the gateway's own, localhost, an IP address).
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

/** The subdomain label when `host` is exactly `<label>.<one of the gateway hosts>`. */
function subdomainLabel(host: string, gatewayHosts: readonly string[]): string | null {
  for (const parent of gatewayHosts) {
    const suffix = `.${parent.toLowerCase()}`;
    if (!host.endsWith(suffix)) continue;
    const label = host.slice(0, -suffix.length);
    if (label && !label.includes('.')) return label;
  }
  return null;
}

function byHost(
  host: string | null,
  lookup: TenantLookup,
  gatewayHosts: readonly string[],
): { tenantId: string; via: 'custom-domain' | 'subdomain' } | null {
  if (!host) return null;
  const byDomain = lookup.byCustomDomain(host);
  if (byDomain) return { tenantId: byDomain, via: 'custom-domain' };
  const label = subdomainLabel(host, gatewayHosts);
  const bySubdomain = label ? lookup.bySubdomain(label) : undefined;
  return bySubdomain ? { tenantId: bySubdomain, via: 'subdomain' } : null;
}

export function resolveTenant(
  selectors: TenantSelectors,
  lookup: TenantLookup,
  defaultTenant: string,
  gatewayHosts: readonly string[] = [],
): TenantResolution {
  const owner = byHost(normaliseHost(selectors.host), lookup, gatewayHosts);
  const explicit = (
    [
      [selectors.queryTenant?.trim(), 'query'],
      [selectors.headerTenant?.trim(), 'header'],
    ] as const
  ).filter((entry): entry is readonly [string, 'query' | 'header'] => Boolean(entry[0]));
  if (owner) {
    const other = explicit.find(([requested]) => requested !== owner.tenantId);
    return other
      ? { ok: false, reason: `this host belongs to tenant "${owner.tenantId}", not "${other[0].slice(0, 64)}"` }
      : { ok: true, ...owner };
  }
  const first = explicit[0];
  if (first) {
    const [requested, via] = first;
    return lookup.exists(requested)
      ? { ok: true, tenantId: requested, via }
      : { ok: false, reason: `no tenant "${requested.slice(0, 64)}"` };
  }
  return lookup.exists(defaultTenant)
    ? { ok: true, tenantId: defaultTenant, via: 'default' }
    : { ok: false, reason: 'the default tenant is not configured' };
}
