import { createRecordLoaders, type RecordLoaders } from '../domain/portal-data/record-loaders.js';
import { guardedReads } from '../nextcloud/upstream-guard.js';
import type { RequestContext } from './context.js';

/**
 * The request's contact and client loaders, made on first use and keyed by the context object:
 * the data API and the profile both read people through them, so one operation costs one `_ids`
 * call per resource, and nothing outlives the request or crosses to another tenant.
 */
const loaders = new WeakMap<RequestContext, RecordLoaders>();

export function recordLoadersOf(ctx: RequestContext): RecordLoaders {
  let found = loaders.get(ctx);
  if (!found) {
    found = createRecordLoaders(ctx.tenant, guardedReads(ctx.services.nextcloud.for(ctx.tenant.id), ctx.upstream));
    loaders.set(ctx, found);
  }
  return found;
}
