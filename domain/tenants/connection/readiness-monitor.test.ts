import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../core/logger.js';
import { createMetrics } from '../../../core/metrics.js';
import { DEMO, startSimulator, type Simulator } from '../../../nextcloud/simulator/index.js';
import { useTestDatabase } from '../../../test/db.js';
import { createTenantDirectory, type TenantDirectory } from '../tenant-directory.js';
import { TenantReadinessMonitor } from './readiness-monitor.js';

/**
 * The per-tenant readiness cache behind /readyz and the admin banner, on a real directory and the
 * simulator: how long an answer is reused, what invalidates it, and that a tenant the connector
 * cannot even be built for is one tenant's problem, not the process's.
 */
const db = useTestDatabase();
const SERVICE = DEMO.users.service;

describe('TenantReadinessMonitor', () => {
  let simulator: Simulator;
  let tenants: TenantDirectory;
  const id = `t-${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    simulator = await startSimulator();
    tenants = createTenantDirectory(db(), 'readiness-monitor-test-secret-0123456789');
    await tenants.upsert({
      id,
      nextcloud: { baseUrl: simulator.instance('demo').url, loginName: SERVICE.login, appPassword: SERVICE.appPassword },
    });
  });
  afterAll(async () => {
    await simulator?.close();
  });

  it('refuses a tenant it does not know, for the status and the deep check alike', async () => {
    const monitor = new TenantReadinessMonitor({ tenants, metrics: createMetrics() });
    await expect(monitor.status('t-nobody')).rejects.toThrow('unknown tenant t-nobody');
    await expect(monitor.deepCheck('t-nobody')).rejects.toThrow('unknown tenant t-nobody');
  });

  it('reuses an answer for 30 seconds by default and probes again after that', async () => {
    let clock = 1_000_000;
    const monitor = new TenantReadinessMonitor({ tenants, metrics: createMetrics(), now: () => clock });
    const demo = simulator.instance('demo');
    const first = await monitor.status(id);
    expect(first).toMatchObject({ ready: true, status: 'ok', reason: null, checkedAt: new Date(1_000_000).toISOString() });
    demo.clearCalls();
    clock += 29_999;
    expect(await monitor.status(id)).toBe(first);
    expect(demo.calls()).toEqual([]);
    clock += 1;
    const second = await monitor.status(id);
    expect(second).not.toBe(first);
    expect(second.checkedAt).toBe(new Date(1_030_000).toISOString());
    expect(demo.calls().length).toBeGreaterThan(0);
  });

  it('probes afresh after a deep check, which reports what the admin asked for', async () => {
    const monitor = new TenantReadinessMonitor({ tenants, metrics: createMetrics(), ttlMs: 60_000 });
    const before = await monitor.status(id);
    const report = await monitor.deepCheck(id);
    expect(report).toMatchObject({ tenantId: id, ok: true, credentials: { ok: true, loginName: SERVICE.login } });
    expect(await monitor.status(id)).not.toBe(before);
  });

  it('reports a tenant whose Nextcloud address the connector refuses as misconfigured, naming why', async () => {
    const broken = `t-${randomBytes(4).toString('hex')}`;
    await tenants.upsert({
      id: broken,
      nextcloud: { baseUrl: 'ftp://cloud.example.nl', loginName: SERVICE.login, appPassword: SERVICE.appPassword },
    });
    const monitor = new TenantReadinessMonitor({
      tenants,
      metrics: createMetrics(),
      now: () => Date.parse('2026-06-01T00:00:00Z'),
    });
    expect(await monitor.status(broken)).toEqual({
      ready: false,
      status: 'misconfigured',
      reason: 'the Nextcloud base URL must be http(s)',
      checkedAt: '2026-06-01T00:00:00.000Z',
    });
    const all = await monitor.all();
    expect(all[id]).toMatchObject({ ready: true });
    expect(all[broken]).toMatchObject({ ready: false, status: 'misconfigured' });
  });

  it('probes afresh as soon as the tenant is saved, and keeps answers across a round of all tenants', async () => {
    const monitor = new TenantReadinessMonitor({ tenants, metrics: createMetrics(), ttlMs: 60_000 });
    const first = await monitor.status(id);
    expect((await monitor.all())[id]).toBe(first);
    expect(await monitor.status(id)).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 5)); // a new revision
    await tenants.upsert({
      id,
      nextcloud: { baseUrl: simulator.instance('demo').url, loginName: SERVICE.login, appPassword: SERVICE.appPassword },
    });
    expect(await monitor.status(id)).not.toBe(first);
  });

  it('exports each tenant as portal_tenant_ready 1 or 0 for the metrics scrape', async () => {
    const broken = `t-${randomBytes(4).toString('hex')}`;
    await tenants.upsert({
      id: broken,
      nextcloud: { baseUrl: 'http://127.0.0.1:9', loginName: SERVICE.login, appPassword: SERVICE.appPassword },
    });
    const metrics = createMetrics();
    new TenantReadinessMonitor({ tenants, metrics, timeoutMs: 500 });
    const scraped = await metrics.registry.getSingleMetricAsString('portal_tenant_ready');
    expect(scraped).toContain(`portal_tenant_ready{tenant="${id}"} 1`);
    expect(scraped).toContain(`portal_tenant_ready{tenant="${broken}"} 0`);
  });

  it('gives a slow Nextcloud the configured time per attempt, 2 seconds by default', async () => {
    const demo = simulator.instance('demo');
    demo.setFaults({ latencyMs: 300 });
    try {
      const patient = await new TenantReadinessMonitor({ tenants, metrics: createMetrics() }).status(id);
      expect(patient).toMatchObject({ ready: true });
      const hasty = await new TenantReadinessMonitor({ tenants, metrics: createMetrics(), timeoutMs: 100 }).status(id);
      expect(hasty).toMatchObject({ ready: false, status: 'unreachable' });
    } finally {
      demo.resetFaults();
    }
  });

  /** A logger whose JSON lines the test reads back. */
  const capturedLogger = () => {
    const lines: Array<Record<string, unknown>> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    return { logger: createLogger({ level: 'info', format: 'json', destination }), lines };
  };

  it("tells the operator's log why a tenant is not ready, and nothing about one that is", async () => {
    const broken = `t-${randomBytes(4).toString('hex')}`;
    await tenants.upsert({
      id: broken,
      nextcloud: { baseUrl: simulator.instance('demo').url, loginName: SERVICE.login, appPassword: 'not-the-app-password' },
    });
    const { logger, lines } = capturedLogger();
    const monitor = new TenantReadinessMonitor({ tenants, metrics: createMetrics(), logger });
    await monitor.status(id);
    await monitor.status(broken);
    // The connector logs its own finding too; the monitor adds one line per tenant that is not ready.
    expect(lines.filter((line) => line.msg === 'tenant not ready')).toEqual([
      expect.objectContaining({
        level: 40,
        tenant: broken,
        status: 'credentials rejected',
        reason: expect.stringContaining('rejected the service account'),
      }),
    ]);
  });

  it('reports a tenant whose probe hits a bug as not ready, without the bug’s details', async () => {
    // A directory whose tenant lacks its portal settings: the probe cannot even list the features.
    const buggy = new Proxy(tenants, {
      get(target, property) {
        if (property === 'get') {
          return (tenantId: string) => {
            const tenant = target.get(tenantId);
            return tenant && { ...tenant, portal: undefined };
          };
        }
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const { logger, lines } = capturedLogger();
    const monitor = new TenantReadinessMonitor({ tenants: buggy, metrics: createMetrics(), now: () => 0, logger });
    expect(await monitor.status(id)).toEqual({
      ready: false,
      status: 'misconfigured',
      reason: 'the connection check failed unexpectedly',
      checkedAt: new Date(0).toISOString(),
    });
    // Without a logger too.
    expect(await new TenantReadinessMonitor({ tenants: buggy, metrics: createMetrics() }).status(id)).toMatchObject({
      ready: false,
      status: 'misconfigured',
    });
    // The log has the details, as an error: this is the gateway's fault, not the tenant's settings.
    expect(lines).toEqual([
      expect.objectContaining({ level: 50, msg: 'readiness probe failed', tenant: id, err: expect.anything() }),
    ]);
  });
});
