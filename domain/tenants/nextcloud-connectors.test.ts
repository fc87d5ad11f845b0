import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../core/metrics.js';
import { DEMO, startSimulator, type Simulator } from '../../nextcloud/simulator/index.js';
import { useTestDatabase } from '../../test/db.js';
import { NextcloudConnectors } from './nextcloud-connectors.js';
import { createTenantDirectory, type TenantInput } from './tenant-directory.js';

/**
 * The per-tenant connectors: made once, rebuilt when the tenant's settings change, and the circuit
 * breaker kept across that rebuild (real database; no upstream call is made here).
 */
const db = useTestDatabase();
const tenantInput = (id: string, loginName = 'svc'): TenantInput => ({
  id,
  nextcloud: { baseUrl: 'https://cloud.example.nl', loginName, appPassword: 'app-password' },
});

describe('NextcloudConnectors', () => {
  it('hands out one connector per tenant and refuses a tenant it does not know', async () => {
    const tenants = createTenantDirectory(db(), 'nextcloud-connectors-test-secret-0123456789');
    const [a, b] = [`t-${randomBytes(4).toString('hex')}`, `t-${randomBytes(4).toString('hex')}`];
    await tenants.upsert(tenantInput(a));
    await tenants.upsert(tenantInput(b));
    const connectors = new NextcloudConnectors(tenants, { metrics: createMetrics() });
    const first = connectors.for(a);
    expect(first.tenantId).toBe(a);
    expect(connectors.for(a)).toBe(first);
    expect(connectors.for(b)).not.toBe(first);
    expect(connectors.for(b).breaker).not.toBe(first.breaker);
    expect(() => connectors.for('nobody')).toThrow('unknown tenant nobody');
  });

  it('rebuilds a changed tenant’s connector but keeps its circuit breaker', async () => {
    const tenants = createTenantDirectory(db(), 'nextcloud-connectors-test-secret-0123456789');
    const id = `t-${randomBytes(4).toString('hex')}`;
    await tenants.upsert(tenantInput(id));
    const connectors = new NextcloudConnectors(tenants, { metrics: createMetrics() });
    const before = connectors.for(id);
    await new Promise((resolve) => setTimeout(resolve, 5)); // a new revision
    await tenants.upsert(tenantInput(id, 'another-account'));
    const after = connectors.for(id);
    expect(after).not.toBe(before);
    expect(after.breaker).toBe(before.breaker);
  });

  describe('against a slow Nextcloud', () => {
    let simulator: Simulator;
    beforeAll(async () => {
      simulator = await startSimulator();
      simulator.instance('demo').setFaults({ latencyMs: 800 });
    });
    afterAll(async () => {
      await simulator?.close();
    });
    const connectorsFor = async (deps: { timeoutMs?: number; budgetMs?: number }) => {
      const tenants = createTenantDirectory(db(), 'nextcloud-connectors-test-secret-0123456789');
      const id = `t-${randomBytes(4).toString('hex')}`;
      const service = DEMO.users.service;
      await tenants.upsert({
        id,
        nextcloud: { baseUrl: simulator.instance('demo').url, loginName: service.login, appPassword: service.appPassword },
      });
      return new NextcloudConnectors(tenants, { metrics: createMetrics(), ...deps }).for(id);
    };

    it('waits as long as it may by default, and no longer than the configured attempt timeout or call budget', async () => {
      // 0.8 s per answer fits the defaults (2 s per attempt, 3 s per call) …
      await expect((await connectorsFor({})).verifyServiceAccount()).resolves.toMatchObject({ id: DEMO.users.service.login });
      // … but not 0.3 s per attempt, nor 0.5 s for the whole call.
      await expect((await connectorsFor({ timeoutMs: 300, budgetMs: 3_000 })).verifyServiceAccount()).rejects.toThrow();
      await expect((await connectorsFor({ timeoutMs: 2_000, budgetMs: 500 })).verifyServiceAccount()).rejects.toThrow();
    });
  });
});
