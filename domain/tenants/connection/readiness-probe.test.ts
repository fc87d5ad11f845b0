import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../../core/metrics.js';
import { DEMO, startSimulator, type Simulator } from '../../../nextcloud/simulator/index.js';
import { defaultPortalSettings } from '../portal-settings.js';
import type { Tenant } from '../tenant-directory.js';
import { connectorForCheck } from './check-connector.js';
import { probeTenant } from './readiness-probe.js';

/**
 * The cheap connection check behind /readyz and the admin banner, against the simulator: each way a
 * tenant's setup can be broken gets its own status and a reason an operator can act on, and a
 * working setup is never reported broken (nor a broken one ready).
 */
const SERVICE = DEMO.users.service;
const NOW = new Date('2026-06-01T08:00:00Z');

describe('probeTenant', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(async () => {
    await simulator?.close();
  });

  const tenantOn = (changes: Partial<Tenant['nextcloud']> = {}, portal: Partial<Tenant['portal']> = {}): Tenant => ({
    id: 'demo',
    nextcloud: {
      baseUrl: simulator.instance('demo').url,
      loginName: SERVICE.login,
      register: 'pipelinq',
      schemas: {},
      fieldMapping: null,
      ...changes,
    },
    timeZone: 'Europe/Amsterdam',
    portal: { ...defaultPortalSettings(), ...portal },
    portalSaved: false,
    portalSavedBy: null,
    portalSavedAt: null,
    revision: String(Math.random()),
  });
  const connectorOf = (tenant: Tenant, appPassword: string = SERVICE.appPassword) =>
    connectorForCheck(tenant, appPassword, { metrics: createMetrics() });
  const probe = (tenant: Tenant, appPassword: string = SERVICE.appPassword) =>
    probeTenant(tenant, connectorOf(tenant, appPassword), NOW);
  const notReady = (status: string, reason: string | RegExp) => ({
    ready: false,
    status,
    reason: typeof reason === 'string' ? reason : expect.stringMatching(reason),
    checkedAt: NOW.toISOString(),
  });

  it('reports a working setup as ready', async () => {
    expect(await probe(tenantOn())).toEqual({ ready: true, status: 'ok', reason: null, checkedAt: NOW.toISOString() });
  });

  it('tells rejected credentials from an address that does not lead to Nextcloud and from one that does not answer', async () => {
    expect(await probe(tenantOn(), 'not-the-app-password')).toEqual(
      notReady('credentials rejected', /^Nextcloud rejected the service account/),
    );
    expect(await probe(tenantOn({ baseUrl: `${simulator.instance('demo').url}/not-nextcloud` }))).toEqual(
      notReady('misconfigured', /^OCS cloud\/user answered HTTP 404/),
    );
    expect(await probe(tenantOn({ baseUrl: 'http://127.0.0.1:9' }))).toEqual(
      notReady('unreachable', 'Nextcloud could not be reached or answered with an error'),
    );
  });

  it('reports a schema an enabled feature needs as missing, and ignores one only a disabled feature needs', async () => {
    const broken = tenantOn({ schemas: { contract: 'noSuchSchema' } });
    expect(await probe(broken)).toEqual(notReady('schema missing', /noSuchSchema/));
    const withoutContracts = {
      ...broken,
      portal: { ...broken.portal, enabledFeatures: broken.portal.enabledFeatures.filter((f) => f !== 'CONTRACTS') },
    };
    expect(await probe(withoutContracts)).toMatchObject({ ready: true, status: 'ok' });
  });

  it('names every mapped property the schemas lack', async () => {
    const tenant = tenantOn({
      fieldMapping: { invoice: { fields: { amount: ['grandTotal'] } }, contract: { owner: { client: 'klant' } } },
    });
    expect(await probe(tenant)).toEqual(
      notReady(
        'mapping names missing properties',
        'the field mapping names properties the schemas lack: invoice.fields.amount "grandTotal", contract.owner.client "klant"; run portal tenant check --id demo',
      ),
    );
    // A disabled kind's mapping is not read, so it cannot keep the portal from working.
    const invoicesOff = tenantOn(
      { fieldMapping: { invoice: { fields: { amount: ['grandTotal'] } } } },
      { enabledFeatures: ['CONTRACTS', 'PROFILE'] },
    );
    expect(await probe(invoicesOff)).toMatchObject({ ready: true });
  });

  it('reports filters Nextcloud ignored, per kind', async () => {
    const schema = simulator.instance('demo').data.schemas.find((s) => s.slug === 'posTransaction')!;
    const before = schema.properties;
    const tenant = tenantOn({}, { enabledFeatures: ['INVOICES'] });
    const connector = connectorOf(tenant);
    // The schema is described first; then upstream no longer knows the property the invoices filter on.
    const list = connector.listObjects.bind(connector);
    connector.listObjects = (...args) => {
      const { invoiceNumber: _number, client: _client, ...rest } = before;
      schema.properties = rest;
      return list(...args);
    };
    try {
      // The owner filter is tried too: an owner upstream cannot filter on shows nobody anything.
      expect(await probeTenant(tenant, connector, NOW)).toEqual(
        notReady(
          'filters ignored',
          'Nextcloud ignored filters (invoice: invoiceNumber, invoice: client); run portal tenant check --id demo',
        ),
      );
    } finally {
      schema.properties = before;
    }
  });

  it('reports a service account that sees no clients as misconfigured', async () => {
    const demo = simulator.instance('demo').data;
    const clientSchema = demo.schemas.find((s) => s.slug === 'client')!.id;
    const clients = demo.objects.filter((o) => o.schema === clientSchema && o.deleted === null);
    for (const client of clients) client.deleted = { deleted: NOW.toISOString(), deletedBy: null };
    try {
      expect(await probe(tenantOn())).toEqual(notReady('misconfigured', /sees no client records/));
    } finally {
      for (const client of clients) client.deleted = null;
    }
  });

  it('lets a bug surface instead of reporting the tenant as not ready', async () => {
    const tenant = tenantOn();
    const connector = connectorOf(tenant);
    connector.verifyServiceAccount = () => Promise.reject(new TypeError('a bug'));
    await expect(probeTenant(tenant, connector, NOW)).rejects.toThrow('a bug');
    const later = connectorOf(tenant);
    later.describeResource = () => Promise.reject(new TypeError('another bug'));
    await expect(probeTenant(tenant, later, NOW)).rejects.toThrow('another bug');
  });
});
