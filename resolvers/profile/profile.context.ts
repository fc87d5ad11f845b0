import { createPersonRecordLoaders, type PersonRecordLoaders } from '../../domain/profile/index.js';
import type { RequestContext } from '../context.js';

/**
 * The request's contact and client loaders, made on first use and keyed by the context object,
 * so they live exactly as long as the request and never serve another tenant or customer.
 */
const loaders = new WeakMap<RequestContext, PersonRecordLoaders>();

export function personLoadersOf(ctx: RequestContext): PersonRecordLoaders {
  let found = loaders.get(ctx);
  if (!found) {
    found = createPersonRecordLoaders(ctx.tenant, ctx.services.nextcloud.for(ctx.tenant.id));
    loaders.set(ctx, found);
  }
  return found;
}
