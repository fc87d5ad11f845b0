import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { Connection } from 'mongoose';
import type { Metrics } from '../core/metrics.js';
import type { UpstreamBulkheads } from '../nextcloud/upstream-guard.js';
import { MAX_TOTAL_ATTACHMENT_BYTES } from '../domain/portal-data/attachment-rules.js';
import type { Services } from '../domain/services.js';
import type { RequestContext } from '../resolvers/context.js';
import { buildRequestContext } from './context.js';
import { databaseUnavailableError, isDatabaseUnavailable } from './database-unavailable.js';
import { auditEventsRouter } from './audit-events-route.js';
import { portalAssetRoute } from './assets.js';
import { downloadsRouter } from './downloads.js';
import { httpErrorHandler } from './http-errors.js';
import { checkReadiness } from './readiness.js';
import { RequestRateLimit, requestRateLimitMiddleware } from './request-rate-limit.js';
import { securityHeaders } from './security-headers.js';
import { webRouter } from './web-bundle.js';
import { tenantMiddleware } from './tenant-middleware.js';
import { widgetRoute } from './widget.js';
import { admittedContext, type TrustedDocumentsPolicy } from './trusted-documents-gate.js';

export interface AppDependencies {
  connection: Connection;
  services: Services;
  metrics: Metrics;
  apollo: ApolloServer<RequestContext>;
  defaultTenant: string;
  publicUrl: string;
  /** Express's `trust proxy` value from TRUST_PROXY; default loopback. */
  trustProxy?: boolean | number | string[];
  /** Per client address; default 600. */
  requestsPerMinute?: number;
  /** The request ceiling to use (the server passes one shared with the other replicas); else one of this process only. */
  requestRateLimit?: RequestRateLimit;
  /** Extra routers mounted after the built-in ones (web bundle, downloads, admin REST). */
  mount?: (app: Express) => void;
  /** Per-principal bulkheads and per-request budgets for Nextcloud calls (nextcloud/upstream-guard.ts). */
  upstreamBulkheads?: UpstreamBulkheads;
  /** The web app's trusted documents and TRUSTED_DOCUMENTS (gateway/trusted-documents-gate.ts); absent: any document. */
  trustedDocuments?: TrustedDocumentsPolicy;
}

/**
 * Request attachments travel base64-encoded inside the GraphQL JSON body (a third larger than the
 * files), so the body may hold all of one request's files plus 2 MB for everything else; the
 * per-file and per-request rules then refuse in detail (BAD_USER_INPUT per file) rather than a bare 413.
 */
export const GRAPHQL_BODY_LIMIT_BYTES = Math.ceil((MAX_TOTAL_ATTACHMENT_BYTES * 4) / 3) + 2 * 1024 * 1024;

/** No GraphQL answer may be kept by a browser or a proxy: they are personal, or refusals. */
const noStore: express.RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/** The HTTP edge: health and metrics, tenant resolution, and GraphQL. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  // No ETag on answers built per request (GraphQL, JSON routes): they are no-store, so a validator
  // would never be used, yet hashing each body costs every request. Files set their own (assets, web bundle).
  app.set('etag', false);
  // Behind a reverse proxy the client's address and scheme are in X-Forwarded-*; only the hops
  // TRUST_PROXY names may set them (default: loopback proxies only).
  app.set('trust proxy', deps.trustProxy ?? 'loopback');
  app.use(securityHeaders);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const report = await checkReadiness(deps.connection, deps.services);
    res.status(report.ready ? 200 : 503).json({ status: report.ready ? 'ready' : 'not ready', ...report.checks });
  });

  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  const resolveTenantForRequest = tenantMiddleware(deps.services.tenants, deps.defaultTenant, [new URL(deps.publicUrl).hostname]);

  // A coarse ceiling per client address on everything that reaches the API or Nextcloud.
  const ceiling = requestRateLimitMiddleware(
    deps.requestRateLimit ?? new RequestRateLimit(deps.requestsPerMinute ?? 600, 60_000),
  );
  app.use(['/graphql', '/portal/api', '/portal/downloads'], ceiling);

  app.use(
    '/graphql',
    noStore,
    resolveTenantForRequest,
    express.json({ limit: GRAPHQL_BODY_LIMIT_BYTES }),
    expressMiddleware(deps.apollo, {
      // Apollo answers a failed context with 500 unless the error names its own status.
      context: ({ req, res }) =>
        admittedContext(req, deps.trustedDocuments, () => buildRequestContext(req, res, deps)).catch((error: unknown) => {
          throw isDatabaseUnavailable(error) ? databaseUnavailableError() : error;
        }),
    }),
  );

  app.use('/portal/api', resolveTenantForRequest, auditEventsRouter(deps.services));
  // Before the web bundle: its /portal/assets and catch-all would otherwise answer these paths.
  app.get('/portal/assets/:tenant/:kind/:sha256', portalAssetRoute(deps.services));
  app.get('/portal/widget', resolveTenantForRequest, widgetRoute());
  // The token names its tenant; the host need not (links are opened from mails and other tabs).
  app.use('/portal/downloads', downloadsRouter(deps.services));
  app.use('/portal', resolveTenantForRequest, webRouter());

  deps.mount?.(app);

  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });
  app.use(httpErrorHandler(deps.services.logger));
  return app;
}
