import { Gauge } from 'prom-client';
import type { Logger } from '../../../core/logger.js';
import type { Metrics } from '../../../core/metrics.js';
import { NextcloudConfigurationError } from '../../../nextcloud/errors.js';
import type { TenantDirectory } from '../tenant-directory.js';
import { connectorForCheck } from './check-connector.js';
import { checkTenantConnection } from './connection-check.js';
import type { ConnectionReport } from './report.js';
import { probeTenant, type TenantReadiness } from './readiness-probe.js';

interface Entry {
  revision: string;
  at: number;
  result: Promise<TenantReadiness>;
}

/**
 * Per-tenant connection status for `/readyz`, `/metrics` (`portal_tenant_ready{tenant}`) and the
 * admin banner. Probes are cached for `ttlMs` (30 s) per tenant and shared by concurrent askers,
 * so load-balancer probes and scrapes do not hammer Nextcloud; a change to the tenant's settings
 * invalidates its entry at once.
 */
export class TenantReadinessMonitor {
  private readonly cache = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly deps: {
      tenants: TenantDirectory;
      metrics: Metrics;
      logger?: Logger;
      ttlMs?: number;
      now?: () => number;
      /** Per attempt; readiness should answer within a few seconds. */
      timeoutMs?: number;
    },
  ) {
    this.ttlMs = deps.ttlMs ?? 30_000;
    this.now = deps.now ?? Date.now;
    const all = () => this.all();
    new Gauge({
      name: 'portal_tenant_ready',
      help: "1 when the tenant's Nextcloud connection is set up correctly (credentials, schemas, mapping, filters), else 0",
      labelNames: ['tenant'],
      registers: [deps.metrics.registry],
      async collect() {
        const statuses = await all();
        this.reset();
        for (const [tenant, readiness] of Object.entries(statuses)) this.set({ tenant }, readiness.ready ? 1 : 0);
      },
    });
  }

  /** The tenant's status, from the cache when fresh enough. */
  status(tenantId: string): Promise<TenantReadiness> {
    const tenant = this.deps.tenants.get(tenantId);
    if (!tenant) return Promise.reject(new Error(`unknown tenant ${tenantId}`));
    const cached = this.cache.get(tenantId);
    if (cached && cached.revision === tenant.revision && this.now() - cached.at < this.ttlMs) return cached.result;
    const result = this.probe(tenantId);
    this.cache.set(tenantId, { revision: tenant.revision, at: this.now(), result });
    return result;
  }

  /** Every tenant's status, probed in parallel. */
  async all(): Promise<Record<string, TenantReadiness>> {
    const tenants = this.deps.tenants.list();
    const statuses = await Promise.all(tenants.map((tenant) => this.status(tenant.id)));
    for (const id of this.cache.keys()) if (!this.deps.tenants.get(id)) this.cache.delete(id);
    return Object.fromEntries(tenants.map((tenant, i) => [tenant.id, statuses[i]!]));
  }

  /**
   * The deep check (`tenant check`) on demand, for the admin panel. Not cached: the admin presses the
   * button to see the state after a fix.
   */
  async deepCheck(tenantId: string): Promise<ConnectionReport> {
    const tenant = this.deps.tenants.get(tenantId);
    if (!tenant) throw new Error(`unknown tenant ${tenantId}`);
    const connector = connectorForCheck(tenant, this.deps.tenants.appPasswordOf(tenantId), {
      metrics: this.deps.metrics,
      logger: this.deps.logger,
    });
    const report = await checkTenantConnection(tenant, connector);
    // What the admin just saw is the freshest readiness too (the banner follows the button).
    this.cache.delete(tenantId);
    return report;
  }

  private async probe(tenantId: string): Promise<TenantReadiness> {
    const tenant = this.deps.tenants.get(tenantId)!;
    const checkedAt = new Date(this.now());
    try {
      const connector = connectorForCheck(tenant, this.deps.tenants.appPasswordOf(tenantId), {
        metrics: this.deps.metrics,
        logger: this.deps.logger,
        timeoutMs: this.deps.timeoutMs ?? 2_000,
      });
      const readiness = await probeTenant(tenant, connector, checkedAt);
      if (!readiness.ready) {
        this.deps.logger?.warn({ tenant: tenantId, status: readiness.status, reason: readiness.reason }, 'tenant not ready');
      }
      return readiness;
    } catch (error) {
      // A base URL the connector refuses, or a bug: still one tenant's problem, never the process's.
      const reason = error instanceof NextcloudConfigurationError ? error.reason : 'the connection check failed unexpectedly';
      if (!(error instanceof NextcloudConfigurationError))
        this.deps.logger?.error({ err: error, tenant: tenantId }, 'readiness probe failed');
      return { ready: false, status: 'misconfigured', reason, checkedAt: checkedAt.toISOString() };
    }
  }
}
