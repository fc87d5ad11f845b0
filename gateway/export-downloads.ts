import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { NotFoundError } from '../core/errors.js';
import { audited } from '../domain/audit/index.js';
import type { ExportLinkBody } from '../domain/avg/index.js';
import type { Services } from '../domain/services.js';
import { contentDisposition } from './content-disposition.js';

/**
 * The data-export half of `GET /portal/downloads/:token` (the route verified the signature and
 * the token's own expiry). The export service re-checks the stored export: still this account's,
 * READY and not past its 30 days (else 410 LINK_EXPIRED), the account not blocked or
 * pseudonymised. The ZIP streams from the database, decrypted (any replica serves any link), after
 * the whole archive authenticated (a tampered one is a 500, never a broken ZIP); each download is
 * audited `export.downloaded` first.
 */
export async function sendExport(services: Services, req: Request, res: Response, body: ExportLinkBody): Promise<void> {
  const tenant = services.tenants.get(body.t);
  if (!tenant) throw new NotFoundError('The download');
  const opened = await services.avg.exports.open(tenant, body);
  try {
    await audited(
      services.audit,
      {
        tenantId: tenant.id,
        type: 'export.downloaded',
        accountId: body.a,
        actor: `account:${body.a}`,
        target: { type: 'data-export', id: opened.exportId },
        details: { size: opened.size },
        client: { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null },
      },
      async () => {
        res.status(200);
        res.setHeader('Content-Type', 'application/zip');
        res.setHeader('Content-Length', String(opened.size));
        res.setHeader('Content-Disposition', contentDisposition(opened.fileName));
        res.setHeader('Cache-Control', 'private, no-store');
        res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
        await pipeline(opened.body, res);
      },
      { logger: services.logger },
    );
  } catch (error) {
    opened.body.destroy();
    throw error;
  }
}
