import type { RequestHandler, Response } from 'express';
import { ErrorCode } from '../core/errors.js';
import type { Services } from '../domain/services.js';

const notFound = (res: Response) => {
  res.status(404).json({ errors: [{ message: 'Not found.', extensions: { code: ErrorCode.NOT_FOUND } }] });
};

/**
 * `GET /portal/assets/:tenant/:kind/:sha256`: a tenant's current logo or favicon. The URL names
 * the content's hash, so the answer never changes and may be cached for a year. Only the asset
 * the tenant currently uses is served, so the route cannot be used to fetch another tenant's or
 * a discarded upload. The type is the one sniffed at upload, with `nosniff` so the browser
 * does not second-guess it.
 */
export function portalAssetRoute(services: Pick<Services, 'tenants' | 'portalAssets'>): RequestHandler {
  return async (req, res) => {
    const { tenant: tenantId, kind, sha256 } = req.params as { tenant: string; kind: string; sha256: string };
    const tenant = services.tenants.get(tenantId);
    const current = tenant && (kind === 'logo' || kind === 'favicon') ? tenant.portal[kind] : null;
    if (!current || current.sha256 !== sha256) return notFound(res);
    const asset = await services.portalAssets.get(sha256);
    if (!asset) return notFound(res);
    res.setHeader('Content-Type', asset.mimeType);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('ETag', `"${sha256}"`);
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    if (req.get('if-none-match') === `"${sha256}"`) {
      res.status(304).end();
      return;
    }
    res.status(200).send(asset.data);
  };
}
