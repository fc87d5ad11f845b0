import type { PersonRecordLoaders } from '../../domain/profile/index.js';
import type { RequestContext } from '../context.js';
import { recordLoadersOf } from '../record-loaders.context.js';

/** The request's contact and client loaders, shared with the data API (one call per resource). */
export function personLoadersOf(ctx: RequestContext): PersonRecordLoaders {
  return recordLoadersOf(ctx);
}
