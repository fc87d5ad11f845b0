import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../../core/metrics.js';
import { DEMO, startSimulator, type Simulator } from '../../../nextcloud/simulator/index.js';
import { defaultPortalSettings } from '../portal-settings.js';
import type { Tenant } from '../tenant-directory.js';
import { connectorForCheck } from './check-connector.js';
import { checkTenantConnection } from './connection-check.js';

const SERVICE = DEMO.users.service;

describe('checkTenantConnection', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(async () => {
    await simulator?.close();
  });

  const tenantOn = (instance: string, changes: Partial<Tenant['nextcloud']> = {}): Tenant => ({
    id: instance,
    nextcloud: {
      baseUrl: simulator.instance(instance).url,
      loginName: SERVICE.login,
      register: 'pipelinq',
      schemas: {},
      fieldMapping: null,
      ...changes,
    },
    timeZone: 'Europe/Amsterdam',
    portal: defaultPortalSettings(),
    portalSaved: false,
    portalSavedBy: null,
    portalSavedAt: null,
    revision: String(Math.random()),
  });
  const check = (tenant: Tenant, appPassword: string = SERVICE.appPassword) =>
    checkTenantConnection(tenant, connectorForCheck(tenant, appPassword, { metrics: createMetrics() }));

  it('passes both demo tenants, naming the service account and how each schema was found', async () => {
    for (const id of ['demo', 'other']) {
      const report = await check(tenantOn(id));
      expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.verdict).toMatch(/^OK: every enabled feature can show data/);
      expect(report.credentials).toMatchObject({ ok: true, userId: SERVICE.login, displayName: expect.any(String) });
      expect(report.resources.find((r) => r.resource === 'posTransaction')).toMatchObject({ status: 'found' });
      for (const record of report.records) {
        expect(record.total, record.kind).toBeGreaterThan(0);
        expect(record.foundForSampledClients, record.kind).toBeGreaterThan(0);
        expect(record.ownedBySomeone, record.kind).toBe(record.sampled);
      }
      expect(report.documents).toMatchObject({ enabled: true, ok: true });
    }
  });

  it('treats a register without the optional requestCategory schema as "not configured", not a failure', async () => {
    const demo = simulator.instance('demo').data;
    const register = demo.registers.find((r) => r.slug === 'pipelinq')!;
    const hasCategory = register.schemas.some((id) => demo.schemas.find((s) => s.id === id)?.slug === 'requestCategory');
    expect(hasCategory).toBe(false);
    const report = await check(tenantOn('demo'));
    expect(report.resources.find((r) => r.resource === 'requestCategory')).toMatchObject({ status: 'not configured' });
    expect(report.ok).toBe(true);
  });

  it('names a mapped property the schema lacks, with the field-mapping change that fixes it', async () => {
    const report = await check(tenantOn('demo', { fieldMapping: { invoice: { fields: { amount: ['grandTotal'] } } } }));
    expect(report.ok).toBe(false);
    expect(report.verdict).toMatch(/^NOT OK/);
    const problem = report.problems.find((p) => p.area === 'mapping');
    expect(problem).toMatchObject({
      severity: 'error',
      kind: 'invoice',
      message: expect.stringContaining('invoice.fields.amount names "grandTotal"'),
      fix: {
        command: 'portal tenant update --id demo --field-mapping FILE',
        fieldMapping: { invoice: { fields: { amount: ['total'] } } },
      },
    });
  });

  it('finds an owner property that does not exist and proposes the one that holds client ids', async () => {
    const report = await check(tenantOn('demo', { fieldMapping: { contract: { owner: { client: 'klant' } } } }));
    expect(report.ok).toBe(false);
    const problem = report.problems.find((p) => p.kind === 'contract' && p.area === 'mapping');
    expect(problem?.message).toContain('contract.owner.client names "klant"');
    expect(problem?.fix?.fieldMapping).toEqual({ contract: { owner: { client: 'clientRef' } } });
    expect(report.records.find((r) => r.kind === 'contract')).toMatchObject({ ownedBySomeone: 0 });
  });

  it('notices an owner property that exists but never names a client', async () => {
    const report = await check(tenantOn('demo', { fieldMapping: { invoice: { owner: { client: 'cashier', contact: null } } } }));
    expect(report.ok).toBe(false);
    const problem = report.problems.find((p) => p.kind === 'invoice' && p.area === 'owner');
    expect(problem?.message).toMatch(
      /None of the \d+ sampled invoices belongs to a client through invoice\.owner\.client "cashier"/,
    );
    expect(problem?.fix?.fieldMapping).toEqual({ invoice: { owner: { client: 'client' } } });
  });

  it('warns about values it cannot show but keeps the verdict when data still shows', async () => {
    // The newest invoice, so it is among the sampled rows.
    const row = simulator
      .instance('other')
      .data.objects.filter((o) => o.data.invoiceNumber && o.data.confirmedAt && o.deleted === null)
      .sort((a, b) => b.created.localeCompare(a.created))[0]!;
    const before = { ...row.data };
    row.data.confirmedAt = 'gisteren';
    row.data.total = 'veel';
    try {
      const report = await check(tenantOn('other'), SERVICE.appPassword);
      expect(report.ok).toBe(true);
      const warnings = report.problems.filter((p) => p.area === 'values' && p.kind === 'invoice');
      expect(warnings.map((w) => w.message)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/confirmedAt that is not a date \("gisteren"\)/),
          expect.stringMatching(/amount \(total\) that is not a number \("veel"\)/),
        ]),
      );
    } finally {
      row.data = before;
    }
  });

  it('stops at rejected credentials and says which account', async () => {
    const report = await check(tenantOn('demo'), 'not-the-app-password');
    expect(report.ok).toBe(false);
    expect(report.credentials.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({
        area: 'credentials',
        message: expect.stringContaining(`Nextcloud rejected the service account '${SERVICE.login}'`),
        fix: expect.objectContaining({ command: expect.stringContaining('--app-password -') }),
      }),
    ]);
    expect(JSON.stringify(report)).not.toContain('not-the-app-password');
  });

  it('reports a schema the register lacks with the --schema fix, and an unreachable Nextcloud', async () => {
    const missing = await check(tenantOn('demo', { schemas: { contract: 'noSuchSchema' } }));
    expect(missing.ok).toBe(false);
    expect(missing.resources.find((r) => r.resource === 'contract')).toMatchObject({ status: 'missing' });
    expect(missing.problems.find((p) => p.area === 'schema')).toMatchObject({
      resource: 'contract',
      message: expect.stringContaining('CONTRACTS cannot show data without it'),
      fix: { command: 'portal tenant update --id demo --schema contract=SLUG_OR_ID', fieldMapping: null },
    });

    const down = await check(tenantOn('demo', { baseUrl: 'http://127.0.0.1:9' }));
    expect(down.ok).toBe(false);
    expect(down.problems[0]).toMatchObject({ area: 'unreachable' });
  });
});
