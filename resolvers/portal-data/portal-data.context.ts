import { PortalDataReader } from '../../domain/portal-data/portal-data-reader.js';
import { viewerOf } from '../../domain/portal-data/viewer.js';
import { guardedReads } from '../../nextcloud/upstream-guard.js';
import type { RequestContext } from '../context.js';
import { recordLoadersOf } from '../record-loaders.context.js';

/**
 * The per-request loader factory. One PortalDataReader per request context, made on first use:
 * its DataLoaders batch and cache within the request only, bound to the request's tenant and
 * principal, so nothing user-specific outlives the request or crosses to another tenant. Keyed by
 * the context object itself, so the shared RequestContext type needs no field for it. Its reads
 * are charged to the request's upstream budget and bulkhead (ctx.upstream).
 */
const readers = new WeakMap<RequestContext, PortalDataReader>();

export function portalDataOf(ctx: RequestContext): PortalDataReader {
  let reader = readers.get(ctx);
  if (!reader) {
    const connector = guardedReads(ctx.services.nextcloud.for(ctx.tenant.id), ctx.upstream);
    reader = new PortalDataReader(ctx.tenant, viewerOf(ctx.principal), connector, ctx.services.logger, recordLoadersOf(ctx));
    readers.set(ctx, reader);
  }
  return reader;
}
