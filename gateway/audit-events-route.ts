import { pipeline } from 'node:stream/promises';
import express, { type Request, type Router } from 'express';
import { BadUserInputError, TenantNotFoundError, inputProblem } from '../core/errors.js';
import { exportAuditEvents, parseAuditFilter, pageSizeOf } from '../domain/audit/index.js';
import { staffOfTenant } from '../domain/policy.js';
import type { StaffPrincipal } from '../domain/principal.js';
import type { Services } from '../domain/services.js';
import type { Tenant } from '../domain/tenants/tenant-directory.js';
import { readCredentials, resolvePrincipal } from './context.js';
import { requireTenant } from './tenant-middleware.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The tenant whose trail is read: `tenantId` when given, else the request's tenant. The caller
 * must be ADMIN or DPO of exactly that tenant; a staff token is bound to its own tenant, so
 * another tenant's staff never authenticates here.
 */
async function authorise(req: Request, services: Services): Promise<{ tenant: Tenant; principal: StaffPrincipal }> {
  const requested = text(req.query.tenantId);
  const tenant = requested ? services.tenants.get(requested) : requireTenant(req);
  if (!tenant) throw new TenantNotFoundError();
  const principal = await resolvePrincipal(services, tenant, readCredentials(req));
  const verdict = staffOfTenant(
    principal,
    ['ADMIN', 'DPO'],
    tenant.id,
    'Only the tenant’s admins and DPOs may read the audit trail.',
  );
  if (verdict !== true) throw verdict;
  // The verdict is true only for staff of this tenant.
  return { tenant, principal: principal as StaffPrincipal };
}

/** `GET /portal/api/admin/audit-events` (mounted under /portal/api): JSON pages, or the whole selection as CSV / NDJSON. */
export function auditEventsRouter(services: Services): Router {
  const router = express.Router();
  router.get('/admin/audit-events', async (req, res) => {
    const { tenant, principal } = await authorise(req, services);
    const filter = parseAuditFilter({
      accountId: text(req.query.accountId),
      eventType: text(req.query.eventType),
      outcome: text(req.query.outcome),
      from: text(req.query.from),
      to: text(req.query.to),
    });
    const format = text(req.query.format) ?? 'json';
    res.setHeader('Cache-Control', 'no-store');

    if (format === 'json') {
      const limit = text(req.query.limit);
      const first = limit === undefined ? undefined : Number(limit);
      const page = await services.audit.list(tenant.id, filter, {
        first: pageSizeOf(first),
        after: text(req.query.cursor) ?? null,
      });
      res.json({ events: page.events, nextCursor: page.nextCursor, totalCount: page.totalCount });
      return;
    }
    if (format !== 'csv' && format !== 'ndjson') {
      throw new BadUserInputError('format must be json, csv or ndjson.', [
        inputProblem('format', 'NOT_ONE_OF', 'Unknown format.', { allowed: 'json, csv, ndjson' }),
      ]);
    }
    const exported = await exportAuditEvents(
      services.audit,
      {
        tenantId: tenant.id,
        principal,
        filter,
        format,
        client: { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null },
      },
      services.logger,
    );
    res.setHeader('Content-Type', exported.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${exported.fileName}"`);
    await pipeline(exported.body, res);
  });
  return router;
}
