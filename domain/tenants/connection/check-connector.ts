import type { Logger } from '../../../core/logger.js';
import type { Metrics } from '../../../core/metrics.js';
import { NextcloudConnector } from '../../../nextcloud/connector.js';
import type { Tenant } from '../tenant-directory.js';

/**
 * A connector of its own for each check. The gateway's connectors remember a successful credential
 * check and schema resolution for their whole life, so only a fresh one notices an app password
 * revoked or a schema removed since; it also leaves the customers' circuit breaker alone.
 */
export function connectorForCheck(
  tenant: Tenant,
  appPassword: string,
  deps: { metrics: Metrics; logger?: Logger; timeoutMs?: number },
): NextcloudConnector {
  return new NextcloudConnector(
    {
      tenantId: tenant.id,
      baseUrl: tenant.nextcloud.baseUrl,
      loginName: tenant.nextcloud.loginName,
      appPassword,
      register: tenant.nextcloud.register,
      schemas: tenant.nextcloud.schemas,
      timeoutMs: deps.timeoutMs ?? 5_000,
    },
    { metrics: deps.metrics, logger: deps.logger, tuning: { maxRetries: 1 } },
  );
}
