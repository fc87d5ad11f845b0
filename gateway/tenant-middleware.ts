import type { Request, RequestHandler } from 'express';
import { ErrorCode } from '../core/errors.js';
import type { Tenant, TenantDirectory } from '../domain/tenants/tenant-directory.js';
import { resolveTenant } from './tenant-resolution.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by `tenantMiddleware` on every route that belongs to a tenant. */
    tenant?: Tenant;
  }
}

/**
 * Resolves the tenant of a request (see tenant-resolution.ts) or answers 404 TENANT_NOT_FOUND.
 * `gatewayHosts` are the gateway's own host names (PUBLIC_URL's), under which subdomains live.
 */
export function tenantMiddleware(
  tenants: TenantDirectory,
  defaultTenant: string,
  gatewayHosts: readonly string[] = [],
): RequestHandler {
  return (req, res, next) => {
    const queryTenant = typeof req.query.tenant === 'string' ? req.query.tenant : null;
    const resolution = resolveTenant(
      { host: req.headers.host ?? null, queryTenant, headerTenant: req.get('x-portal-tenant') ?? null },
      {
        exists: (id) => tenants.get(id) !== undefined,
        byCustomDomain: (host) => tenants.byCustomDomain(host)?.id,
        bySubdomain: (label) => tenants.bySubdomain(label)?.id,
      },
      defaultTenant,
      gatewayHosts,
    );
    if (!resolution.ok) {
      res.status(404).json({
        errors: [{ message: 'This portal does not exist.', extensions: { code: ErrorCode.TENANT_NOT_FOUND } }],
      });
      return;
    }
    req.tenant = tenants.get(resolution.tenantId)!;
    next();
  };
}

export function requireTenant(req: Request): Tenant {
  if (!req.tenant) throw new Error('tenantMiddleware did not run for this route');
  return req.tenant;
}
