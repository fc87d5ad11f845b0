/**
 * The portal's address table without its pages: which paths exist, who may see them and which
 * feature switch they belong to. The web router (routes.ts) attaches a page to each entry; the
 * gateway (gateway/portal-page-status.ts) reads the same table so an unknown address or a switched-off
 * part answers HTTP 404. It imports nothing, so both the browser build and the gateway's NodeNext
 * type check can load it.
 *
 * `public`: anyone (links from mails work signed in or out); `guest`: the sign-in pages, which a
 * signed-in person skips; `customer`: needs a session, and `feature` must be switched on for the
 * tenant; `enrolment`: the one page an MFA-enrolment-only session may see; `staff`: the admin
 * panel (/admin…), for a tenant admin or DPO holding one of `roles`.
 */
export type Access = 'public' | 'guest' | 'customer' | 'enrolment' | 'staff';
export type RouteFeature = 'INVOICES' | 'ORDERS' | 'CONTRACTS' | 'REQUESTS' | 'DOCUMENTS' | 'PROFILE';
export type RouteRole = 'ADMIN' | 'DPO';

export interface RouteEntry {
  pattern: string;
  access: Access;
  feature?: RouteFeature;
  roles?: RouteRole[];
}

export const ROUTE_TABLE = [
  { pattern: '/', access: 'customer' },
  { pattern: '/sign-in', access: 'guest' },
  { pattern: '/password-reset', access: 'guest' },
  { pattern: '/reset-password', access: 'public' },
  { pattern: '/activate', access: 'public' },
  { pattern: '/confirm-email', access: 'public' },
  { pattern: '/confirm-closure', access: 'public' },
  { pattern: '/mfa-setup', access: 'enrolment' },
  { pattern: '/invoices', access: 'customer', feature: 'INVOICES' },
  { pattern: '/invoices/:id', access: 'customer', feature: 'INVOICES' },
  { pattern: '/orders', access: 'customer', feature: 'ORDERS' },
  { pattern: '/orders/:id', access: 'customer', feature: 'ORDERS' },
  { pattern: '/contracts', access: 'customer', feature: 'CONTRACTS' },
  { pattern: '/contracts/:id', access: 'customer', feature: 'CONTRACTS' },
  { pattern: '/requests', access: 'customer', feature: 'REQUESTS' },
  { pattern: '/requests/new', access: 'customer', feature: 'REQUESTS' },
  { pattern: '/requests/:id', access: 'customer', feature: 'REQUESTS' },
  { pattern: '/documents', access: 'customer', feature: 'DOCUMENTS' },
  { pattern: '/profile', access: 'customer', feature: 'PROFILE' },
  // GDPR rights and sign-in security: never behind a feature switch (issue 14).
  { pattern: '/privacy', access: 'customer' },
  { pattern: '/security', access: 'customer' },
  // Colleagues and shared access (issue 16): a grantee may be a private person, so for every customer.
  { pattern: '/delegations', access: 'customer' },
  { pattern: '/admin', access: 'staff' },
  { pattern: '/admin/settings', access: 'staff', roles: ['ADMIN'] },
  { pattern: '/admin/accounts', access: 'staff', roles: ['ADMIN'] },
  { pattern: '/admin/audit', access: 'staff', roles: ['ADMIN', 'DPO'] },
  { pattern: '/admin/cleanup', access: 'staff', roles: ['ADMIN'] },
] as const satisfies readonly RouteEntry[];

export type RoutePattern = (typeof ROUTE_TABLE)[number]['pattern'];

/** A route path without trailing slashes ("/invoices/" and "/invoices" are one page). */
export function normaliseRoutePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.startsWith('/') ? trimmed || '/' : `/${trimmed}`;
}

/** The first entry whose pattern fits the path, with its `:name` segments decoded. */
export function matchEntry<E extends RouteEntry>(
  entries: readonly E[],
  path: string,
): { entry: E; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean);
  for (const entry of entries) {
    const pattern = entry.pattern.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((segment, index) => {
      const part = parts[index]!;
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = safeDecode(part);
        return true;
      }
      return segment === part;
    });
    if (matches) return { entry, params };
  }
  return null;
}

/** A malformed escape (`%E0%A4%A`) names no record: keep the raw text instead of throwing. */
function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Whether the tenant's portal has a page at this route path: it exists and its feature is on. */
export function pageExists(path: string, enabledFeatures: readonly string[]): boolean {
  const match = matchEntry(ROUTE_TABLE as readonly RouteEntry[], normaliseRoutePath(path));
  if (!match) return false;
  return !match.entry.feature || enabledFeatures.includes(match.entry.feature);
}
