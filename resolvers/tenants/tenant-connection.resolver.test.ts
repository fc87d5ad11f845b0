import { describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/index.js';
import { signInCustomer } from '../../test/customers.js';
import { useTestGateway, type GraphQLBody } from '../../test/gateway.js';
import { signInStaff } from '../../test/staff.js';

const CHECK = `query ($tenantId: ID!) {
  tenantConnectionCheck(tenantId: $tenantId) {
    tenantId ok verdict credentialsOk loginName accountDisplayName register registerId documents
    resources { resource status via schemaId schemaSlug reason }
    records { kind enabled total foundForSampledClients sampled ownedBySomeone ignoredFilters }
    problems { severity area kind resource message fixCommand fixFieldMapping }
  }
}`;
const READINESS = `query ($tenantId: ID!) { tenantReadiness(tenantId: $tenantId) { ready status reason checkedAt } }`;

const code = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;
const SERVICE = DEMO.users.service;

describe('tenantConnectionCheck and tenantReadiness (GraphQL)', () => {
  const gw = useTestGateway({}, { readinessTtlMs: 0 });

  it("gives the tenant's admin the full report: credentials, schemas, records and the verdict", async () => {
    const admin = await signInStaff(gw(), 'admin');
    const { body } = await gw().graphql(CHECK, { tenantId: 'demo' }, admin.headers);
    expect(body.errors).toBeUndefined();
    const report = body.data!.tenantConnectionCheck as Record<string, unknown> & {
      resources: Array<{ resource: string; status: string }>;
      records: Array<{ kind: string; total: number }>;
      problems: Array<{ severity: string }>;
    };
    expect(report).toMatchObject({
      tenantId: 'demo',
      ok: true,
      credentialsOk: true,
      loginName: SERVICE.login,
      accountDisplayName: expect.any(String),
      register: 'pipelinq',
      verdict: expect.stringMatching(/^OK/),
    });
    expect(report.resources.find((r) => r.resource === 'requestCategory')?.status).toBe('not configured');
    expect(report.records.map((r) => r.kind)).toEqual(['invoice', 'order', 'contract', 'request']);
    expect(report.records.every((r) => r.total > 0)).toBe(true);
    expect(report.problems.filter((p) => p.severity === 'ERROR')).toEqual([]);

    const readiness = await gw().graphql(READINESS, { tenantId: 'demo' }, admin.headers);
    expect(readiness.body.data?.tenantReadiness).toMatchObject({ ready: true, status: 'ok', reason: null });
  });

  it('names the problem and its fix when the mapping is broken, and the readiness banner says so too', async () => {
    const tenants = gw().services.tenants;
    const tenant = tenants.get('demo')!;
    const mapping = { invoice: { fields: { amount: ['grandTotal'] } } };
    await tenants.upsert({
      id: 'demo',
      nextcloud: { ...tenant.nextcloud, appPassword: tenants.appPasswordOf('demo'), fieldMapping: mapping },
      timeZone: tenant.timeZone,
    });
    try {
      const admin = await signInStaff(gw(), 'admin');
      const { body } = await gw().graphql(CHECK, { tenantId: 'demo' }, admin.headers);
      const report = body.data!.tenantConnectionCheck as { ok: boolean; problems: Array<Record<string, unknown>> };
      expect(report.ok).toBe(false);
      expect(report.problems).toContainEqual(
        expect.objectContaining({
          severity: 'ERROR',
          area: 'mapping',
          kind: 'invoice',
          fixCommand: 'portal tenant update --id demo --field-mapping FILE',
          fixFieldMapping: JSON.stringify({ invoice: { fields: { amount: ['total'] } } }),
        }),
      );
      const readiness = await gw().graphql(READINESS, { tenantId: 'demo' }, admin.headers);
      expect(readiness.body.data?.tenantReadiness).toMatchObject({
        ready: false,
        status: 'mapping names missing properties',
        reason: expect.stringContaining('invoice.fields.amount "grandTotal"'),
      });
    } finally {
      await tenants.upsert({
        id: 'demo',
        nextcloud: { ...tenant.nextcloud, appPassword: tenants.appPasswordOf('demo'), fieldMapping: null },
        timeZone: tenant.timeZone,
      });
    }
  });

  it('refuses the DPO, customers, anonymous callers and another tenant’s admin', async () => {
    const dpo = await signInStaff(gw(), 'dpo');
    for (const query of [CHECK, READINESS]) {
      expect(code((await gw().graphql(query, { tenantId: 'demo' }, dpo.headers)).body)).toBe('FORBIDDEN');
      expect(code((await gw().graphql(query, { tenantId: 'demo' }, { 'x-portal-tenant': 'demo' })).body)).toBe('UNAUTHENTICATED');
    }
    const jan = await signInCustomer(gw(), 'jan');
    const asCustomer = await gw().graphql(CHECK, { tenantId: 'demo' }, jan.headers);
    expect(code(asCustomer.body)).toBe('FORBIDDEN');
    expect(asCustomer.body.data ?? null).toBeNull();
    const otherAdmin = await signInStaff(gw(), 'admin', 'other');
    expect(code((await gw().graphql(CHECK, { tenantId: 'demo' }, otherAdmin.headers)).body)).toBe('FORBIDDEN');
  });
});
