import { pipeline } from 'node:stream/promises';
import express, { type Router } from 'express';
import { LinkExpiredError, NotFoundError } from '../core/errors.js';
import { audited } from '../domain/audit/index.js';
import { EXPORT_LINK_PURPOSE, isExportLinkBody } from '../domain/avg/index.js';
import {
  DOCUMENT_LINK_PURPOSE,
  isDocumentLinkBody,
  mintingTokenOf,
  openDocument,
  viewerOfLink,
} from '../domain/portal-data/document-downloads.js';
import { onBehalfOfDetails } from '../domain/portal-data/request-writer.js';
import type { Services } from '../domain/services.js';
import { contentDisposition } from './content-disposition.js';
import { sendExport } from './export-downloads.js';

/**
 * `GET /portal/downloads/:token`: signed downloads. The token alone decides (no session: links
 * are opened in new tabs and by partner systems), and access is checked again now, as for the API:
 * a tampered or unknown token is 404, a genuine expired one 410 LINK_EXPIRED, and a link whose
 * account lost access (closed, blocked, feature off, record no longer theirs, or the partner token
 * that minted it revoked) is 404 too. The bytes
 * stream from Nextcloud as they arrive; every download is audited before the first byte is sent.
 */

export function downloadsRouter(services: Services): Router {
  const router = express.Router();
  router.get('/:token', async (req, res) => {
    const verified = services.portalData.links.verify<unknown>(req.params.token);
    if (!verified.ok)
      throw verified.reason === 'expired'
        ? new LinkExpiredError('This link has expired. Download the document again from the portal.')
        : new NotFoundError('The download');
    const body = verified.body;
    // Data exports (GDPR Art. 15) share the route and the signing key, under their own purpose.
    if (verified.purpose === EXPORT_LINK_PURPOSE && isExportLinkBody(body)) return sendExport(services, req, res, body);
    if (verified.purpose !== DOCUMENT_LINK_PURPOSE || !isDocumentLinkBody(body)) throw new NotFoundError('The download');
    const tenant = services.tenants.get(body.t);
    if (!tenant) throw new NotFoundError('The download');
    const accountIsActive = services.portalData.accountIsActive;
    if (accountIsActive && !(await accountIsActive(tenant.id, body.a))) throw new NotFoundError('The download');
    // A link a partner token minted lives no longer than the token: revoked means 404.
    const tokenId = mintingTokenOf(body);
    if (tokenId !== null && !(await services.apiTokens.isLive(tenant.id, body.a, tokenId))) {
      throw new NotFoundError('The download');
    }

    // A link minted while acting for a company lives no longer than the delegation and follows
    // its scopes as they are now (issue 16): revoked, expired or grantor blocked means 404.
    let scoped = body;
    if (body.g) {
      const acting = await services.delegations.contextFor(tenant.id, body.a, body.g);
      if (!acting || acting.clientId !== body.c) throw new NotFoundError('The download');
      scoped = { ...body, s: [...acting.scopes] };
    }

    const opened = await openDocument(tenant, scoped, services.nextcloud.for(tenant.id), services.logger);
    if (!opened) throw new NotFoundError('The download');
    const { document, file } = opened;
    try {
      await audited(
        services.audit,
        {
          tenantId: tenant.id,
          type: 'document.downloaded',
          accountId: body.a,
          actor: body.r,
          target: { type: 'document', id: document.documentId },
          details: {
            source: document.sourceKind,
            sourceId: document.sourceId,
            fileId: document.id,
            fileName: document.name,
            ...onBehalfOfDetails(viewerOfLink(scoped)),
          },
          client: { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null },
        },
        async () => {
          res.status(200);
          res.setHeader('Content-Type', file.contentType || document.mimeType || 'application/octet-stream');
          if (file.size !== null) res.setHeader('Content-Length', String(file.size));
          res.setHeader('Content-Disposition', contentDisposition(document.name || file.fileName));
          res.setHeader('Cache-Control', 'private, no-store');
          // Whatever the file holds, a browser must never run it as a page of this origin.
          res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
          await pipeline(file.body, res);
        },
        { logger: services.logger },
      );
    } catch (error) {
      file.body.destroy();
      // Once bytes are on their way a status can no longer be sent; the error handler then just
      // drops the connection, which the client sees as an incomplete download.
      throw error;
    }
  });
  return router;
}
