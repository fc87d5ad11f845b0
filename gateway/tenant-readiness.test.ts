import { describe, expect, it } from 'vitest';
import { createMetrics } from '../core/metrics.js';
import { TenantReadinessMonitor } from '../domain/tenants/connection/readiness-monitor.js';
import { DEMO } from '../nextcloud/simulator/index.js';
import { useTestGateway } from '../test/gateway.js';

const SERVICE = DEMO.users.service;

interface ReadyBody {
  status: string;
  database: string;
  nextcloud: Record<string, string>;
}

describe('per-tenant readiness (/readyz details, /metrics)', () => {
  // No caching here, so each step's effect shows at once; the cache has its own test below.
  const gw = useTestGateway({}, { readinessTtlMs: 0 });
  const readyz = async () => {
    const response = await fetch(`${gw().url}/readyz`);
    return { status: response.status, body: (await response.json()) as ReadyBody };
  };
  const metric = async (tenant: string) => {
    const text = await (await fetch(`${gw().url}/metrics`)).text();
    return new RegExp(`^portal_tenant_ready\\{tenant="${tenant}"\\} (\\d)$`, 'm').exec(text)?.[1];
  };
  const serviceUser = (instance: string) =>
    gw()
      .simulator.instance(instance)
      .data.users.find((u) => u.id === SERVICE.login)!;
  /** Stores new Nextcloud settings for a tenant the way `tenant update` does (same password). */
  const update = async (
    id: string,
    changes: { schemas?: Record<string, string>; fieldMapping?: Record<string, unknown> | null },
  ) => {
    const tenants = gw().services.tenants;
    const tenant = tenants.get(id)!;
    await tenants.upsert({
      id,
      nextcloud: { ...tenant.nextcloud, appPassword: tenants.appPasswordOf(id), ...changes },
      timeZone: tenant.timeZone,
    });
  };

  it('is green for both demo tenants, in the details and the metric', async () => {
    const { status, body } = await readyz();
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ready', database: 'ok', nextcloud: { demo: 'ok', other: 'ok' } });
    expect(await metric('demo')).toBe('1');
    expect(await metric('other')).toBe('1');
  });

  it('shows one tenant red with rejected credentials while the other stays green, and still answers 200', async () => {
    serviceUser('other').appPassword = 'revoked';
    try {
      const { status, body } = await readyz();
      expect(status).toBe(200);
      expect(body.status).toBe('ready');
      expect(body.nextcloud.demo).toBe('ok');
      expect(body.nextcloud.other).toMatch(/^credentials rejected: Nextcloud rejected the service account 'portal-service'/);
      expect(JSON.stringify(body)).not.toContain('revoked');
      expect(JSON.stringify(body)).not.toContain(SERVICE.appPassword);
      expect(await metric('other')).toBe('0');
      expect(await metric('demo')).toBe('1');
    } finally {
      serviceUser('other').appPassword = SERVICE.appPassword;
    }
    expect((await readyz()).body.nextcloud.other).toBe('ok');
  });

  it('names a mapping that reads a missing property, and a schema the register lacks', async () => {
    await update('demo', { fieldMapping: { invoice: { fields: { amount: ['grandTotal'] } } } });
    let body = (await readyz()).body;
    expect(body.nextcloud.demo).toBe(
      'mapping names missing properties: the field mapping names properties the schemas lack: ' +
        'invoice.fields.amount "grandTotal"; run portal tenant check --id demo',
    );
    expect(body.nextcloud.other).toBe('ok');

    await update('demo', { fieldMapping: null, schemas: { contract: 'noSuchSchema' } });
    body = (await readyz()).body;
    expect(body.nextcloud.demo).toMatch(/^schema missing: schema 'noSuchSchema' for resource 'contract'/);
    expect(await metric('demo')).toBe('0');

    await update('demo', { schemas: {} });
    expect((await readyz()).body.nextcloud.demo).toBe('ok');
  });

  it('says unreachable while a Nextcloud is down, without taking the process out of rotation', async () => {
    const other = gw().simulator.instance('other');
    other.setFaults({ down: true });
    try {
      const { status, body } = await readyz();
      expect(status).toBe(200);
      expect(body.nextcloud.other).toMatch(/^unreachable: /);
      expect(body.nextcloud.demo).toBe('ok');
    } finally {
      other.resetFaults();
    }
  });

  it('caches each tenant’s status, and probes again at once when the tenant changes', async () => {
    const monitor = new TenantReadinessMonitor({ tenants: gw().services.tenants, metrics: createMetrics(), ttlMs: 60_000 });
    const demo = gw().simulator.instance('demo');
    expect((await monitor.status('demo')).status).toBe('ok');
    demo.clearCalls();
    const [a, b] = await Promise.all([monitor.status('demo'), monitor.status('demo')]);
    expect(a).toBe(b);
    expect(demo.calls()).toEqual([]);

    await update('demo', { fieldMapping: { contract: { owner: { client: 'klant' } } } });
    try {
      expect(await monitor.status('demo')).toMatchObject({ ready: false, status: 'mapping names missing properties' });
      expect(demo.calls().length).toBeGreaterThan(0);
    } finally {
      await update('demo', { fieldMapping: null });
    }
  });
});
