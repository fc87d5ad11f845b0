import type { Logger } from '../../core/logger.js';
import type { Metrics } from '../../core/metrics.js';
import { CircuitBreaker } from '../../nextcloud/circuit-breaker.js';
import { NextcloudConnector } from '../../nextcloud/connector.js';
import type { TenantDirectory } from './tenant-directory.js';

/**
 * A customer waits at most this long for an answer that needs Nextcloud, retries included; a
 * single attempt gets a shorter timeout so one retry still fits in the budget.
 */
const DEFAULT_CALL_BUDGET_MS = 3_000;
const DEFAULT_ATTEMPT_TIMEOUT_MS = 2_000;

/**
 * One connector per tenant, made on first use. A connector caches the tenant's slug → id
 * resolution and credential check, so it is rebuilt when the tenant's settings change; the
 * circuit breaker belongs to the tenant and survives that, so an edit cannot reset a tripped
 * breaker into hammering a dead Nextcloud.
 */
export class NextcloudConnectors {
  private readonly connectors = new Map<string, NextcloudConnector>();
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(
    private readonly tenants: TenantDirectory,
    private readonly deps: { metrics: Metrics; logger?: Logger; timeoutMs?: number; budgetMs?: number },
  ) {
    tenants.onChange((tenantId) => this.connectors.delete(tenantId));
  }

  for(tenantId: string): NextcloudConnector {
    const existing = this.connectors.get(tenantId);
    if (existing) return existing;
    const tenant = this.tenants.get(tenantId);
    if (!tenant) throw new Error(`unknown tenant ${tenantId}`);
    let breaker = this.breakers.get(tenantId);
    if (!breaker) {
      breaker = new CircuitBreaker();
      this.breakers.set(tenantId, breaker);
    }
    const connector = new NextcloudConnector(
      {
        tenantId,
        baseUrl: tenant.nextcloud.baseUrl,
        loginName: tenant.nextcloud.loginName,
        appPassword: this.tenants.appPasswordOf(tenantId),
        register: tenant.nextcloud.register,
        schemas: tenant.nextcloud.schemas,
        timeoutMs: this.deps.timeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS,
      },
      {
        metrics: this.deps.metrics,
        logger: this.deps.logger,
        breaker,
        tuning: { budgetMs: this.deps.budgetMs ?? DEFAULT_CALL_BUDGET_MS },
      },
    );
    this.connectors.set(tenantId, connector);
    return connector;
  }
}
