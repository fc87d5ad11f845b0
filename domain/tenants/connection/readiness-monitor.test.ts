import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
