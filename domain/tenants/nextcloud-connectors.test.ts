import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../core/metrics.js';
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
});
