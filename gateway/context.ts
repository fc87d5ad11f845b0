import type { Request, Response } from 'express';
import { COOKIE, TOKEN_PREFIX, type RequestCredentials } from '../domain/auth/authenticators.js';
import { anonymous, type Principal } from '../domain/principal.js';
import type { Services } from '../domain/services.js';
import type { Tenant } from '../domain/tenants/tenant-directory.js';
import type { UpstreamBulkheads } from '../nextcloud/upstream-guard.js';
import { RequestScope } from '../domain/scope/request-scope.js';
import type { RequestContext } from '../resolvers/context.js';
import { parseCookies, serializeClearedCookie, serializeSessionCookie, type CookieSite } from './cookies.js';
import { requestPublicUrl, tenantPublicUrl } from './public-url.js';
import { requireTenant } from './tenant-middleware.js';

/** Finds the credentials in a request: session cookies, or a Bearer token told apart by prefix. */
export function readCredentials(req: Pick<Request, 'get'>): RequestCredentials & { staffVia: 'cookie' | 'bearer' } {
  const cookies = parseCookies(req.get('cookie'));
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? null;
  const staffBearer = bearer?.startsWith(TOKEN_PREFIX.staff) ? bearer : null;
  return {
    sessionToken: cookies[COOKIE.session] ?? null,
    staffToken: staffBearer ?? cookies[COOKIE.staff] ?? null,
    staffVia: staffBearer ? 'bearer' : 'cookie',
    apiToken: bearer?.startsWith(TOKEN_PREFIX.apiToken) ? bearer : null,
  };
}

/**
 * Who is calling. An explicit Bearer token wins over cookies, so a partner system or a staff
 * script is never mistaken for a browser session that happens to be present. Anything invalid
 * or expired means anonymous; the shield rules then answer UNAUTHENTICATED where it matters.
 */
export async function resolvePrincipal(
  services: Services,
  tenant: Tenant,
  credentials: RequestCredentials & { staffVia?: 'cookie' | 'bearer' },
): Promise<Principal> {
  const { customer, partner, staff } = services.authenticators;
  if (credentials.apiToken && partner) return (await partner.authenticate(tenant, credentials.apiToken)) ?? anonymous;
  if (credentials.staffToken && staff) {
    const principal = await staff.authenticate(tenant, credentials.staffToken, credentials.staffVia ?? 'cookie');
    if (principal) return principal;
  }
  if (credentials.sessionToken && customer) return (await customer.authenticate(tenant, credentials.sessionToken)) ?? anonymous;
  return anonymous;
}

export function cookieSiteOf(req: Request, publicUrl: string): CookieSite {
  return {
    secure: req.secure || publicUrl.startsWith('https://'),
    embedded: req.get('x-portal-embedded') === '1',
  };
}

/**
 * Whose bulkhead a request's Nextcloud calls share: the account for customers and partners (all
 * its sessions and tokens together), the login for staff, the client address for everyone else.
 */
export function bulkheadKeyOf(principal: Principal, ip: string | null): string {
  switch (principal.kind) {
    case 'customer':
    case 'partner':
      return `account:${principal.accountId}`;
    case 'staff':
      return `staff:${principal.loginName}`;
    default:
      return `ip:${ip ?? 'unknown'}`;
  }
}

/** The per-request GraphQL context: the request's scope plus the edge's cookie setters (resolvers/context.ts). */
export async function buildRequestContext(
  req: Request,
  res: Response,
  deps: { services: Services; publicUrl: string; upstreamBulkheads?: UpstreamBulkheads },
): Promise<RequestContext> {
  const tenant = requireTenant(req);
  const site = cookieSiteOf(req, deps.publicUrl);
  const principal = await resolvePrincipal(deps.services, tenant, readCredentials(req));
  const upstream = deps.upstreamBulkheads?.forRequest(tenant.id, bulkheadKeyOf(principal, req.ip ?? null));
  // A client that hangs up gets nothing more sent upstream on its behalf.
  if (upstream) res.once('close', () => upstream.cancel());
  const scope = new RequestScope(deps.services, {
    tenant,
    principal,
    upstream,
    request: {
      ip: req.ip ?? null,
      userAgent: req.get('user-agent') ?? null,
      publicUrl: requestPublicUrl(req.headers.host, tenant, deps.publicUrl),
      tenantUrl: tenantPublicUrl(tenant, deps.publicUrl),
      origin: req.get('origin') ?? null,
    },
  });
  return Object.assign(scope, {
    http: {
      setCookie: (name: string, value: string, maxAgeSeconds?: number) =>
        res.append('Set-Cookie', serializeSessionCookie(name, value, site, maxAgeSeconds)),
      clearCookie: (name: string) => res.append('Set-Cookie', serializeClearedCookie(name, site)),
    },
  });
}
