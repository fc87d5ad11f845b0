import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../../core/metrics.js';
import type { NextcloudConnector } from '../../../nextcloud/connector.js';
import { DEMO, startSimulator, type SimulatedNextcloud, type Simulator } from '../../../nextcloud/simulator/index.js';
import { PIPELINQ_RESOURCES } from '../../../nextcloud/types.js';
import { defaultPortalSettings } from '../portal-settings.js';
import type { Tenant } from '../tenant-directory.js';
import { connectorForCheck } from './check-connector.js';
import { checkTenantConnection } from './connection-check.js';

const SERVICE = DEMO.users.service;
const UNREACHABLE = 'Nextcloud could not be reached or answered with an error (refused, timed out or 5xx)';

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
  const withFeatures = (tenant: Tenant, enabledFeatures: Tenant['portal']['enabledFeatures']): Tenant => ({
    ...tenant,
    portal: { ...tenant.portal, enabledFeatures },
  });
  /**
   * A check whose Nextcloud changes under it (falls over, or drops a property) right before the
   * first call of `method`: the steps before it went fine, the ones from there on meet the change.
   */
  const checkChangingAt = async (
    tenant: Tenant,
    method: 'describeResource' | 'listObjects' | 'listFiles',
    change: () => void,
  ) => {
    const connector = connectorForCheck(tenant, SERVICE.appPassword, { metrics: createMetrics() });
    const real = connector[method].bind(connector) as (...args: unknown[]) => Promise<unknown>;
    let changed = false;
    (connector as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      if (!changed) change();
      changed = true;
      return real(...args);
    };
    return checkTenantConnection(tenant, connector as NextcloudConnector);
  };
  const failing = (instance: SimulatedNextcloud) => () => instance.setFaults({ errorRate: 1 });

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

  it('says through which owner fields no sampled record reaches a client, and which property would', async () => {
    const report = await check(
      tenantOn('demo', { fieldMapping: { invoice: { owner: { client: 'cashier', contact: 'cashier' } } } }),
    );
    const problem = report.problems.find((p) => p.kind === 'invoice' && p.area === 'owner')!;
    const sampled = report.records.find((r) => r.kind === 'invoice')!.sampled;
    expect(problem.message).toMatch(
      new RegExp(
        `^None of the ${sampled} sampled invoices belongs to a client through invoice\\.owner\\.client "cashier" or invoice\\.owner\\.contact "cashier" ` +
          `\\(\\d+ empty, \\d+ naming no client or contact the service account can see\\); no customer would see any\\. "client" holds client ids\\.$`,
      ),
    );
  });

  it('says a fixed filter on a property the schema lacks leaves the kind empty, without blaming upstream', async () => {
    const report = await check(tenantOn('demo', { fieldMapping: { invoice: { fixedFilters: { documentType: 'invoice' } } } }));
    const invoice = report.problems.filter((p) => p.kind === 'invoice' && p.severity === 'error');
    expect(invoice.map((p) => p.area)).toEqual(['mapping']);
    expect(invoice[0]!.message).toBe(
      'invoice.fixedFilters.documentType names "documentType", which the posTransaction schema does not have; upstream then answers no invoices at all.',
    );
    expect(report.records.find((r) => r.kind === 'invoice')!.ignoredFilters).toEqual(['documentType']);
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

  it('reports a register that does not exist once, with the --register fix, and every resource as missing', async () => {
    const report = await check(tenantOn('demo', { register: 'noSuchRegister' }));
    expect(report.ok).toBe(false);
    expect(report.verdict).toBe('NOT OK: 1 problem keeps enabled features from showing data.');
    expect(report.register).toEqual({ name: 'noSuchRegister', id: null });
    expect(report.problems).toEqual([
      {
        severity: 'error',
        area: 'register',
        kind: null,
        resource: null,
        message: "register 'noSuchRegister' not found.",
        fix: {
          command: 'portal tenant update --id demo --register SLUG_OR_ID   (Pipelinq\'s register is "pipelinq")',
          fieldMapping: null,
        },
      },
    ]);
    expect(report.resources.map((r) => r.status)).toEqual(Object.keys(PIPELINQ_RESOURCES).map(() => 'missing'));
    expect(report.records.every((r) => r.total === null && r.sampled === 0)).toBe(true);
  });

  it('names the resource every check stopped at when the credentials fail, and checks nothing else', async () => {
    const report = await check(tenantOn('demo'), 'not-the-app-password');
    expect(report.verdict).toBe('NOT OK: 1 problem keeps enabled features from showing data.');
    expect(report.credentials).toEqual({ ok: false, loginName: SERVICE.login, userId: null, displayName: null });
    expect(report.register).toEqual({ name: 'pipelinq', id: null });
    expect(report.resources).toEqual(
      Object.keys(PIPELINQ_RESOURCES).map((resource) => ({
        resource,
        status: 'not checked',
        via: null,
        schemaId: null,
        schemaSlug: null,
        reason: 'the credentials did not work',
      })),
    );
    expect(report).toMatchObject({ records: [], documents: null });
  });

  it('tells an unreachable Nextcloud from bad credentials, naming the address to fix', async () => {
    const report = await check(tenantOn('demo', { baseUrl: 'http://127.0.0.1:9' }));
    expect(report.credentials.ok).toBe(false);
    expect(report.problems).toEqual([
      {
        severity: 'error',
        area: 'unreachable',
        kind: null,
        resource: null,
        message: `${UNREACHABLE} at http://127.0.0.1:9.`,
        fix: {
          command:
            'portal tenant update --id demo --nextcloud-url URL   (once Nextcloud answers at http://127.0.0.1:9 again, run the check again)',
          fieldMapping: null,
        },
      },
    ]);
  });

  it('tries a dropped connection once more, not again and again, while the admin waits', async () => {
    const demo = simulator.instance('demo');
    demo.setFaults({ down: true });
    demo.clearCalls();
    try {
      const report = await check(tenantOn('demo'));
      expect(report.problems.map((p) => p.area)).toEqual(['unreachable']);
      expect(demo.calls().filter((call) => call.path.includes('cloud/user'))).toHaveLength(2);
    } finally {
      demo.resetFaults();
    }
  });

  it('reports a Nextcloud that falls over after the credentials once, as unreachable, and checks no records', async () => {
    const demo = simulator.instance('demo');
    try {
      const report = await checkChangingAt(tenantOn('demo'), 'describeResource', failing(demo));
      expect(report.credentials.ok).toBe(true);
      expect(report.verdict).toBe('NOT OK: 1 problem keeps enabled features from showing data.');
      expect(report.problems).toEqual([
        { severity: 'error', area: 'unreachable', kind: null, resource: null, message: `${UNREACHABLE}.`, fix: null },
      ]);
      expect(report.resources.map((r) => [r.status, r.reason])).toEqual(
        Object.keys(PIPELINQ_RESOURCES).map(() => ['not checked', UNREACHABLE]),
      );
      expect(report.records.map((r) => [r.total, r.sampledClients, r.ownedBySomeone])).toEqual(
        report.records.map(() => [null, 0, null]),
      );
      expect(report.documents).toEqual({ enabled: true, ok: null, detail: 'no record to read attached files from' });
    } finally {
      demo.resetFaults();
    }
  });

  it('reports records it could not read, per kind, when Nextcloud fails after finding the schemas', async () => {
    const demo = simulator.instance('demo');
    try {
      const report = await checkChangingAt(tenantOn('demo'), 'listObjects', failing(demo));
      expect(report.ok).toBe(false);
      expect(report.resources.every((r) => r.status !== 'missing' && r.status !== 'not checked')).toBe(true);
      expect(report.problems).toEqual(
        expect.arrayContaining([
          {
            severity: 'error',
            area: 'unreachable',
            kind: null,
            resource: 'client',
            message: `${UNREACHABLE} while reading clients.`,
            fix: null,
          },
          {
            severity: 'error',
            area: 'unreachable',
            kind: 'invoice',
            resource: 'posTransaction',
            message: `${UNREACHABLE} while reading invoices.`,
            fix: null,
          },
        ]),
      );
      expect(report.problems).toHaveLength(5); // the clients and each of the four record kinds
      expect(report.documents).toMatchObject({ ok: null });
    } finally {
      demo.resetFaults();
    }
  });

  it('reports attached files it cannot read as a documents problem', async () => {
    const demo = simulator.instance('demo');
    try {
      const report = await checkChangingAt(tenantOn('demo'), 'listFiles', failing(demo));
      const message = `${UNREACHABLE} while reading attached files.`;
      expect(report.ok).toBe(false);
      expect(report.problems.filter((p) => p.severity === 'error')).toEqual([
        { severity: 'error', area: 'unreachable', kind: 'documents', resource: 'posTransaction', message, fix: null },
      ]);
      expect(report.documents).toEqual({ enabled: true, ok: false, detail: message });
    } finally {
      demo.resetFaults();
    }
  });

  it('reads attached files of the first kind that has records, and counts what the sampled clients own', async () => {
    const tenant = tenantOn('demo');
    const report = await checkTenantConnection(
      tenant,
      connectorForCheck(tenant, SERVICE.appPassword, { metrics: createMetrics() }),
      { sampleClients: 1 },
    );
    expect(report.verdict).toBe('OK: every enabled feature can show data.');
    expect(report.register.id).toEqual(expect.any(Number));
    expect(report.documents?.detail).toMatch(/^files readable \(\d+ on a sampled posTransaction record\)$/);
    const invoices = report.records.find((r) => r.kind === 'invoice')!;
    expect(invoices.sampledClients).toBe(1);
    // One client owns some invoices, not all of them.
    expect(invoices.foundForSampledClients).toBeGreaterThan(0);
    expect(invoices.foundForSampledClients).toBeLessThan(invoices.total!);
  });

  it('only warns about a missing schema no enabled feature needs, and leaves disabled kinds and documents unchecked', async () => {
    const tenant = withFeatures(tenantOn('demo', { schemas: { contract: 'noSuchSchema' } }), ['INVOICES', 'PROFILE']);
    const report = await check(tenant);
    expect(report.ok).toBe(true);
    expect(report.verdict).toBe('OK: every enabled feature can show data (1 warning).');
    expect(report.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        area: 'schema',
        resource: 'contract',
        message: expect.stringMatching(/; no enabled feature needs it now\.$/),
      }),
    ]);
    expect(report.documents).toBeNull();
    expect(report.records.find((r) => r.kind === 'contract')).toEqual({
      kind: 'contract',
      feature: 'CONTRACTS',
      resource: 'contract',
      enabled: false,
      sampledClients: expect.any(Number),
      foundForSampledClients: null,
      total: null,
      sampled: 0,
      ownedBySomeone: null,
      ignoredFilters: [],
    });
    expect(report.records.find((r) => r.kind === 'invoice')).toMatchObject({ enabled: true, total: expect.any(Number) });
  });

  it('names every feature a missing schema takes down, and the portal itself for the clients', async () => {
    const transactions = await check(tenantOn('demo', { schemas: { posTransaction: 'noSuchSchema' } }));
    expect(transactions.problems.find((p) => p.area === 'schema')?.message).toMatch(
      /; INVOICES, ORDERS cannot show data without it\.$/,
    );
    expect(transactions.records.find((r) => r.kind === 'invoice')).toMatchObject({ total: null, sampled: 0 });

    const contacts = await check(tenantOn('demo', { schemas: { contact: 'noSuchSchema' } }));
    expect(contacts.problems.find((p) => p.area === 'schema')).toMatchObject({
      severity: 'error',
      resource: 'contact',
      message: expect.stringMatching(/; the portal cannot show data without it\.$/),
    });

    const clients = await check(tenantOn('demo', { schemas: { client: 'noSuchSchema' } }));
    expect(clients.verdict).toBe('NOT OK: 5 problems keep enabled features from showing data.');
    expect(clients.problems.find((p) => p.area === 'schema')).toMatchObject({
      severity: 'error',
      resource: 'client',
      message: expect.stringMatching(/; the portal cannot show data without it\.$/),
    });
    // Without clients no owner can be checked, and no record can be read.
    expect(clients.records.map((r) => [r.sampledClients, r.foundForSampledClients])).toEqual(
      clients.records.map(() => [0, null]),
    );
    expect(clients.problems.filter((p) => p.area === 'records').map((p) => p.kind)).toEqual([
      'invoice',
      'order',
      'contract',
      'request',
    ]);
  });

  it('does not count owners or blame filters through an owner property the schema lacks', async () => {
    const report = await check(tenantOn('demo', { fieldMapping: { contract: { owner: { client: 'klant' } } } }));
    const areas = report.problems.filter((p) => p.kind === 'contract').map((p) => p.area);
    expect(areas).toContain('mapping');
    expect(areas).not.toContain('filters');
    expect(areas).not.toContain('owner');
    expect(report.problems.find((p) => p.kind === 'contract' && p.area === 'mapping')?.message).toMatch(
      /; upstream then answers no contracts at all\.$/,
    );
    expect(report.records.find((r) => r.kind === 'contract')).toMatchObject({ foundForSampledClients: null });

    const field = await check(tenantOn('demo', { fieldMapping: { invoice: { fields: { amount: ['grandTotal'] } } } }));
    expect(field.problems.find((p) => p.area === 'mapping')?.message).toMatch(/; the portal cannot show it\.$/);
  });

  it('reports a filter Nextcloud ignored although the schema declares it', async () => {
    const schema = simulator.instance('demo').data.schemas.find((s) => s.slug === 'posTransaction')!;
    const before = schema.properties;
    try {
      // The description is read first; then upstream no longer knows the property it filters on.
      const report = await checkChangingAt(tenantOn('demo'), 'listObjects', () => {
        const { invoiceNumber: _dropped, ...rest } = before;
        schema.properties = rest;
      });
      const invoice = report.records.find((r) => r.kind === 'invoice')!;
      expect(invoice.ignoredFilters).toEqual(['invoiceNumber']);
      expect(report.ok).toBe(false);
      expect(report.problems.filter((p) => p.kind === 'invoice' && p.severity === 'error')).toEqual([
        {
          severity: 'error',
          area: 'filters',
          kind: 'invoice',
          resource: 'posTransaction',
          message: expect.stringContaining('Nextcloud ignored the filter "invoiceNumber" on posTransaction'),
          fix: {
            command: 'portal tenant update --id demo --field-mapping FILE',
            fieldMapping: { invoice: { fixedFilters: {} } },
          },
        },
      ]);
    } finally {
      schema.properties = before;
    }
  });

  it('tells fixed filters that match nothing from a kind that has no records yet', async () => {
    const filtered = await check(tenantOn('demo', { fieldMapping: { request: { fixedFilters: { status: 'no-such-status' } } } }));
    expect(filtered.ok).toBe(false);
    expect(filtered.problems.filter((p) => p.kind === 'request')).toEqual([
      {
        severity: 'error',
        area: 'records',
        kind: 'request',
        resource: 'request',
        message: expect.stringMatching(
          /^request\.fixedFilters \{"status":"no-such-status"\} match none of the \d+ request records\.$/,
        ),
        fix: {
          command: 'portal tenant update --id demo --field-mapping FILE',
          fieldMapping: { request: { fixedFilters: {} } },
        },
      },
    ]);

    const demo = simulator.instance('demo').data;
    const requestSchema = demo.schemas.find((s) => s.slug === 'request')!.id;
    const requests = demo.objects.filter((o) => o.schema === requestSchema && o.deleted === null);
    for (const request of requests) request.deleted = { deleted: new Date().toISOString(), deletedBy: null };
    try {
      const empty = await check(tenantOn('demo'));
      expect(empty.ok).toBe(true);
      expect(empty.problems.filter((p) => p.kind === 'request')).toEqual([
        {
          severity: 'warning',
          area: 'records',
          kind: 'request',
          resource: 'request',
          message: 'There are no requests in Nextcloud yet, so their owners and values could not be checked.',
          fix: null,
        },
      ]);
    } finally {
      for (const request of requests) request.deleted = null;
    }
  });

  it('warns, without failing, when some sampled records name no client anyone can see', async () => {
    const row = simulator
      .instance('other')
      .data.objects.filter((o) => o.data.invoiceNumber && o.deleted === null)
      .sort((a, b) => b.created.localeCompare(a.created))[0]!;
    const before = { ...row.data };
    row.data.client = '00000000-0000-4000-8000-000000000000';
    row.data.customer = null;
    try {
      const report = await check(tenantOn('other'));
      expect(report.ok).toBe(true);
      const invoice = report.records.find((r) => r.kind === 'invoice')!;
      expect(invoice.ownedBySomeone).toBe(invoice.sampled - 1);
      expect(report.problems).toContainEqual({
        severity: 'warning',
        area: 'owner',
        kind: 'invoice',
        resource: 'posTransaction',
        message: `1 of ${invoice.sampled} sampled invoices name no client or contact the service account can see; no customer sees those.`,
        fix: null,
      });
      expect(report.problems.filter((p) => p.kind === 'contract' && p.area === 'owner')).toEqual([]);
    } finally {
      row.data = before;
    }
  });

  it('lets a bug surface instead of reporting it as an unreachable Nextcloud', async () => {
    const tenant = tenantOn('demo');
    const connector = connectorForCheck(tenant, SERVICE.appPassword, { metrics: createMetrics() });
    connector.verifyServiceAccount = () => Promise.reject(new TypeError('a bug'));
    await expect(checkTenantConnection(tenant, connector)).rejects.toThrow('a bug');
  });
});
