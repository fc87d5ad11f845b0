import type { Logger } from '../core/logger.js';
import type { TenantDirectory } from './tenants/tenant-directory.js';
import type { NextcloudConnectors } from './tenants/nextcloud-connectors.js';

/**
 * The domain services a request may use, assembled once at start-up by the gateway and passed to
 * resolvers and routes through the context. Each service takes the tenant and principal as
 * explicit arguments; none of them holds user data between calls.
 */
export interface Services {
  logger: Logger;
  tenants: TenantDirectory;
  nextcloud: NextcloudConnectors;
}
